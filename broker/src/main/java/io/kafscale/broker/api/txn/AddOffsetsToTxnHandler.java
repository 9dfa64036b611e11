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
import org.apache.kafka.common.message.AddOffsetsToTxnRequestData;
import org.apache.kafka.common.message.AddOffsetsToTxnResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * AddOffsetsToTxn (sendOffsetsToTransaction's first step): adds the group's {@code
 * __consumer_offsets} partition to the transaction through the {@link TransactionCoordinator}, so
 * the commit or abort marker reaches the group coordinator and makes the TxnOffsetCommit offsets
 * visible or drops them. As in Kafka, PRODUCER_FENCED is answered as INVALID_PRODUCER_EPOCH below
 * v2, which does not know it. Thread-safe.
 */
public final class AddOffsetsToTxnHandler implements ApiHandler<AddOffsetsToTxnRequestData> {
  private static final short FIRST_PRODUCER_FENCED_VERSION = 2;

  private final TransactionCoordinator coordinator;
  private final Clock clock;

  public AddOffsetsToTxnHandler(TransactionCoordinator coordinator, Clock clock) {
    this.coordinator = coordinator;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<AddOffsetsToTxnResponseData> handle(
      RequestContext context, RequestFrame frame, AddOffsetsToTxnRequestData request) {
    return coordinator
        .handle(
            new TxnEvent.AddOffsets(
                request.transactionalId(),
                request.producerId(),
                request.producerEpoch(),
                request.groupId(),
                clock.millis()))
        .thenApply(
            reply ->
                new AddOffsetsToTxnResponseData()
                    .setThrottleTimeMs(0)
                    .setErrorCode(
                        errorFor(((TxnReply.Status) reply).error(), frame.apiVersion()).code()));
  }

  /** The error a client of {@code version} understands. */
  static Errors errorFor(Errors error, short version) {
    return error == Errors.PRODUCER_FENCED && version < FIRST_PRODUCER_FENCED_VERSION
        ? Errors.INVALID_PRODUCER_EPOCH
        : error;
  }
}
