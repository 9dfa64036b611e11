/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api;

import io.kafscale.protocol.frame.RequestFrame;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * Serves one Kafka API: the request body (already typed) in, a stage of the response body out
 * ({@code null}: no response). Must not block. Thrown or failed stages become the request's error
 * response upstream.
 *
 * @param <Q> the generated request data class
 */
@FunctionalInterface
public interface ApiHandler<Q extends ApiMessage> {
  CompletionStage<? extends ApiMessage> handle(
      RequestContext context, RequestFrame frame, Q request);
}
