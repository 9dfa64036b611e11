/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api;

import io.kafscale.protocol.frame.RequestFrame;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * Routes each request to the handler of its API key. An API without a handler fails with {@link
 * UnsupportedVersionException}, which the caller turns into the request's error response. Immutable
 * after construction (handlers are registered once) and thread-safe.
 */
public final class ApiDispatcher implements RequestHandler {
  private final Map<ApiKeys, Registered<?>> handlers = new EnumMap<>(ApiKeys.class);

  private record Registered<Q extends ApiMessage>(Class<Q> type, ApiHandler<Q> handler) {
    CompletionStage<? extends ApiMessage> call(RequestContext context, RequestFrame frame) {
      return handler.handle(context, frame, type.cast(frame.body()));
    }
  }

  /** Registers the handler of {@code key}; call only while building. */
  public <Q extends ApiMessage> ApiDispatcher register(
      ApiKeys key, Class<Q> type, ApiHandler<Q> handler) {
    handlers.put(key, new Registered<>(type, handler));
    return this;
  }

  public boolean handles(ApiKeys key) {
    return handlers.containsKey(key);
  }

  @Override
  @SuppressWarnings("unchecked")
  public CompletionStage<ApiMessage> handle(RequestContext context, RequestFrame frame) {
    Registered<?> registered = handlers.get(frame.apiKey());
    if (registered == null) {
      return CompletableFuture.failedFuture(
          new UnsupportedVersionException(
              "API " + frame.apiKey() + " is not served by this broker"));
    }
    try {
      return (CompletionStage<ApiMessage>) registered.call(context, frame);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
