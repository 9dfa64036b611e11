/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.produce;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.txn.ProducerEpoch;
import io.kafscale.broker.txn.TransactionCoordinator;
import io.kafscale.broker.txn.TxnEvent;
import io.kafscale.broker.txn.TxnReply;
import io.kafscale.metadata.registry.ProducerIdAllocator;
import io.kafscale.protocol.frame.RequestFrame;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
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
 * <p>Transactional ids go to the {@link TransactionCoordinator} (epoch bumps, zombie fencing,
 * KIP-360 recovery). Without one they are refused with UNSUPPORTED_VERSION: Kafka clients treat it
 * as fatal and say the broker lacks the feature, whereas authorization errors would mislead and
 * coordinator errors would make them retry forever. Thread-safe.
 */
public final class InitProducerIdHandler implements ApiHandler<InitProducerIdRequestData> {
  private static final Logger LOG = LoggerFactory.getLogger(InitProducerIdHandler.class);

  private final ProducerIdAllocator producerIds;
  private final Optional<TransactionCoordinator> transactions;
  private final Clock clock;

  /** Idempotent producers only. */
  public InitProducerIdHandler(ProducerIdAllocator producerIds) {
    this(producerIds, Optional.empty(), Clock.systemUTC());
  }

  /** With the transaction coordinator serving transactional ids. */
  public InitProducerIdHandler(
      ProducerIdAllocator producerIds, Optional<TransactionCoordinator> transactions, Clock clock) {
    this.producerIds = producerIds;
    this.transactions = transactions;
    this.clock = clock;
  }

  @Override
  public CompletionStage<InitProducerIdResponseData> handle(
      RequestContext context, RequestFrame frame, InitProducerIdRequestData request) {
    if ((request.producerId() == -1) != (request.producerEpoch() == -1)) {
      return CompletableFuture.completedFuture(error(Errors.INVALID_REQUEST));
    }
    if (request.transactionalId() != null) {
      if (transactions.isEmpty()) {
        return CompletableFuture.completedFuture(error(Errors.UNSUPPORTED_VERSION));
      }
      Optional<ProducerEpoch> expected =
          request.producerId() == -1
              ? Optional.empty()
              : Optional.of(new ProducerEpoch(request.producerId(), request.producerEpoch()));
      return transactions
          .get()
          .handle(
              new TxnEvent.InitProducerId(
                  request.transactionalId(),
                  request.transactionTimeoutMs(),
                  expected,
                  OptionalLong.empty(),
                  clock.millis()))
          .thenApply(
              reply -> {
                TxnReply.InitProducerId r = (TxnReply.InitProducerId) reply;
                return new InitProducerIdResponseData()
                    .setErrorCode(r.error().code())
                    .setProducerId(r.producerId())
                    .setProducerEpoch(r.producerEpoch());
              });
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
