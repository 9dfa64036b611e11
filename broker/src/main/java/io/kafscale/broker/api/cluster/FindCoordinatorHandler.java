/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.cluster;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData.Coordinator;
import org.apache.kafka.common.protocol.Errors;

/**
 * FindCoordinator: on a single node this broker coordinates every group, so group keys (type 0) get
 * this broker's endpoint, whatever the key (Apache Kafka does not validate group ids here either;
 * JoinGroup and friends do). Transaction keys (type 1) get this broker too: a transactional
 * producer then sends InitProducerId, which refuses transactional ids with a fatal
 * UNSUPPORTED_VERSION until transactions exist; answering COORDINATOR_NOT_AVAILABLE here instead
 * would make clients retry until max.block.ms and fail with a bare timeout. Share keys (type 2) and
 * unknown types get INVALID_REQUEST. Versions 0-3 carry one key and answer at the top level; from
 * v4 keys are batched (KIP-699) and each gets its own answer. Only the fields a version has are
 * set: the generated writers throw otherwise. Thread-safe.
 */
public final class FindCoordinatorHandler implements ApiHandler<FindCoordinatorRequestData> {
  private static final byte GROUP = 0;
  private static final byte TRANSACTION = 1;
  private static final byte SHARE = 2;
  private static final short FIRST_BATCHED_VERSION = 4;
  private static final short FIRST_ERROR_MESSAGE_VERSION = 1;

  private final BrokerEndpoint self;

  public FindCoordinatorHandler(BrokerEndpoint self) {
    this.self = self;
  }

  /** The answer for one key: an error (NONE means "this broker") and an optional message. */
  private record Lookup(Errors error, String message) {
    boolean found() {
      return error == Errors.NONE;
    }
  }

  @Override
  public CompletionStage<FindCoordinatorResponseData> handle(
      RequestContext context, RequestFrame frame, FindCoordinatorRequestData request) {
    short version = frame.apiVersion();
    FindCoordinatorResponseData response = new FindCoordinatorResponseData().setThrottleTimeMs(0);
    if (version < FIRST_BATCHED_VERSION) {
      single(response, version, lookup(request.keyType()));
    } else {
      for (String key : request.coordinatorKeys()) {
        response.coordinators().add(coordinator(key, lookup(request.keyType())));
      }
    }
    return CompletableFuture.completedFuture(response);
  }

  private static Lookup lookup(byte keyType) {
    return switch (keyType) {
      case GROUP, TRANSACTION -> new Lookup(Errors.NONE, null);
      case SHARE ->
          new Lookup(Errors.INVALID_REQUEST, "Share groups are not supported by this broker");
      default -> new Lookup(Errors.INVALID_REQUEST, "Unknown coordinator key type " + keyType);
    };
  }

  private void single(FindCoordinatorResponseData response, short version, Lookup lookup) {
    response.setErrorCode(lookup.error().code());
    if (version >= FIRST_ERROR_MESSAGE_VERSION) {
      response.setErrorMessage(lookup.found() ? null : lookup.message());
    }
    if (lookup.found()) {
      response.setNodeId(self.id()).setHost(self.host()).setPort(self.port());
    } else {
      // Kafka's "no node" (-1, "", -1), as in its error responses.
      response.setNodeId(-1).setHost("").setPort(-1);
    }
  }

  private Coordinator coordinator(String key, Lookup lookup) {
    Coordinator coordinator =
        new Coordinator()
            .setKey(key)
            .setErrorCode(lookup.error().code())
            .setErrorMessage(lookup.message());
    return lookup.found()
        ? coordinator.setNodeId(self.id()).setHost(self.host()).setPort(self.port())
        : coordinator.setNodeId(-1).setHost("").setPort(-1);
  }
}
