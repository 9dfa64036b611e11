/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.txn;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.txn.TransactionCoordinator;
import io.kafscale.broker.txn.TxnViews;
import io.kafscale.protocol.frame.RequestFrame;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ListTransactionsRequestData;
import org.apache.kafka.common.message.ListTransactionsResponseData;

/**
 * ListTransactions: the transactions of the {@code __transaction_state} partitions this broker
 * coordinates and has loaded (a partition loads on its first request after it moved here), with
 * Kafka's state, producer-id, duration (v1) and id-pattern (v2) filters; the admin client asks
 * every broker and merges. Thread-safe.
 */
public final class ListTransactionsHandler implements ApiHandler<ListTransactionsRequestData> {
  private final TransactionCoordinator coordinator;
  private final Clock clock;

  public ListTransactionsHandler(TransactionCoordinator coordinator, Clock clock) {
    this.coordinator = coordinator;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<ListTransactionsResponseData> handle(
      RequestContext context, RequestFrame frame, ListTransactionsRequestData request) {
    return CompletableFuture.completedFuture(
        TxnViews.list(coordinator.loadedStates(), request, clock.millis()).setThrottleTimeMs(0));
  }
}
