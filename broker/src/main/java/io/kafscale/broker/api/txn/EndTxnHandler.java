/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.txn;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.txn.TransactionCoordinator;
import io.kafscale.broker.txn.TxnEvent;
import io.kafscale.broker.txn.TxnReply;
import io.kafscale.protocol.frame.RequestFrame;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.EndTxnRequestData;
import org.apache.kafka.common.message.EndTxnResponseData;

/**
 * EndTxn (transaction version 1: the epoch must match; no epoch bump is returned): commits or
 * aborts the transaction through the {@link TransactionCoordinator}, which answers once the outcome
 * is durable (markers are written afterwards, as in Kafka). Thread-safe.
 */
public final class EndTxnHandler implements ApiHandler<EndTxnRequestData> {
  private final TransactionCoordinator coordinator;
  private final Clock clock;

  public EndTxnHandler(TransactionCoordinator coordinator, Clock clock) {
    this.coordinator = coordinator;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<EndTxnResponseData> handle(
      RequestContext context, RequestFrame frame, EndTxnRequestData request) {
    return coordinator
        .handle(
            new TxnEvent.EndTxn(
                request.transactionalId(),
                request.producerId(),
                request.producerEpoch(),
                request.committed(),
                clock.millis()))
        .thenApply(
            reply ->
                new EndTxnResponseData()
                    .setThrottleTimeMs(0)
                    .setErrorCode(((TxnReply.Status) reply).error().code())
                    .setProducerId(-1)
                    .setProducerEpoch((short) -1));
  }
}
