/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.produce;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.metadata.registry.ProducerIdAllocator;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * InitProducerId for idempotent producers: every call gets a new, never reused producer id with
 * epoch 0, as Apache Kafka does for producers without a transactional id (also for KIP-360
 * re-initialisation with the old id and epoch, where a fresh id is as good as a bumped epoch).
 *
 * <p>Transactional ids are refused with UNSUPPORTED_VERSION until transactions exist: Kafka clients
 * treat it as fatal and say the broker lacks the feature, whereas authorization errors would
 * mislead and coordinator errors would make them retry forever. Thread-safe.
 */
public final class InitProducerIdHandler implements ApiHandler<InitProducerIdRequestData> {
  private static final Logger LOG = LoggerFactory.getLogger(InitProducerIdHandler.class);

  private final ProducerIdAllocator producerIds;

  public InitProducerIdHandler(ProducerIdAllocator producerIds) {
    this.producerIds = producerIds;
  }

  @Override
  public CompletionStage<InitProducerIdResponseData> handle(
      RequestContext context, RequestFrame frame, InitProducerIdRequestData request) {
    if (request.transactionalId() != null) {
      return CompletableFuture.completedFuture(error(Errors.UNSUPPORTED_VERSION));
    }
    if ((request.producerId() == -1) != (request.producerEpoch() == -1)) {
      return CompletableFuture.completedFuture(error(Errors.INVALID_REQUEST));
    }
    return producerIds
        .nextProducerId()
        .thenApply(
            id ->
                new InitProducerIdResponseData()
                    .setErrorCode(Errors.NONE.code())
                    .setProducerId(id)
                    .setProducerEpoch((short) 0))
        .exceptionally(
            e -> {
              // Retriable for idempotent producers (they re-send InitProducerId), unlike
              // COORDINATOR_NOT_AVAILABLE, which makes them look up a transaction coordinator.
              LOG.warn(
                  "producer id allocation failed clientId={} error={}",
                  context.clientId(),
                  e.toString());
              return error(Errors.COORDINATOR_LOAD_IN_PROGRESS);
            });
  }

  private static InitProducerIdResponseData error(Errors error) {
    return new InitProducerIdResponseData()
        .setErrorCode(error.code())
        .setProducerId(-1)
        .setProducerEpoch((short) -1);
  }
}
