/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.txn;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.txn.TransactionCoordinator;
import io.kafscale.broker.txn.TxnViews;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DescribeTransactionsRequestData;
import org.apache.kafka.common.message.DescribeTransactionsResponseData;
import org.apache.kafka.common.message.DescribeTransactionsResponseData.TransactionState;
import org.apache.kafka.common.protocol.Errors;

/**
 * DescribeTransactions: each id's state from its coordinator, answered NOT_COORDINATOR when this
 * broker does not coordinate it (the admin client then looks the coordinator up again), and
 * TRANSACTIONAL_ID_NOT_FOUND when unknown, as Kafka answers. Thread-safe.
 */
public final class DescribeTransactionsHandler
    implements ApiHandler<DescribeTransactionsRequestData> {
  private final TransactionCoordinator coordinator;

  public DescribeTransactionsHandler(TransactionCoordinator coordinator) {
    this.coordinator = coordinator;
  }

  @Override
  public CompletableFuture<DescribeTransactionsResponseData> handle(
      RequestContext context, RequestFrame frame, DescribeTransactionsRequestData request) {
    List<CompletableFuture<TransactionState>> states = new ArrayList<>();
    for (String id : request.transactionalIds()) {
      states.add(describe(id));
    }
    return CompletableFuture.allOf(states.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              DescribeTransactionsResponseData response =
                  new DescribeTransactionsResponseData().setThrottleTimeMs(0);
              states.forEach(s -> response.transactionStates().add(s.join()));
              return response;
            });
  }

  private CompletableFuture<TransactionState> describe(String id) {
    if (id == null || id.isEmpty() || !coordinator.isCoordinator(id)) {
      return CompletableFuture.completedFuture(
          new TransactionState()
              .setTransactionalId(id == null ? "" : id)
              .setErrorCode(Errors.NOT_COORDINATOR.code()));
    }
    return coordinator
        .describe(id)
        .thenApply(txn -> TxnViews.describe(id, txn))
        .exceptionally(
            e ->
                new TransactionState()
                    .setTransactionalId(id)
                    .setErrorCode(Errors.COORDINATOR_LOAD_IN_PROGRESS.code()));
  }
}
