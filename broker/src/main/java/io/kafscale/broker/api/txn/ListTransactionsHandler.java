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
import org.apache.kafka.common.protocol.Errors;

/**
 * ListTransactions: the transactions of every {@code __transaction_state} partition this broker
 * owns (partitions not loaded yet are loaded first; a failed load answers the retriable
 * COORDINATOR_LOAD_IN_PROGRESS), with Kafka's state, producer-id, duration (v1) and id-pattern (v2)
 * filters; the admin client asks every broker and merges. Thread-safe.
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
    return coordinator
        .ownedStates()
        .handle(
            (states, e) ->
                e != null
                    ? new ListTransactionsResponseData()
                        .setThrottleTimeMs(0)
                        .setErrorCode(Errors.COORDINATOR_LOAD_IN_PROGRESS.code())
                    : TxnViews.list(states, request, clock.millis()).setThrottleTimeMs(0));
  }
}
