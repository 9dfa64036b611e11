/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import static io.kafscale.broker.txn.TxnTestContext.tp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.message.DescribeTransactionsResponseData;
import org.apache.kafka.common.message.ListTransactionsRequestData;
import org.apache.kafka.common.message.ListTransactionsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** DescribeTransactions and ListTransactions answers. */
class TxnViewsTest {

  private static TxnMetadata txn(String id, long pid, TxnState state, long startMs) {
    return new TxnMetadata(
        id,
        pid,
        pid,
        (short) 3,
        (short) -1,
        60_000,
        state,
        new java.util.TreeSet<>(Set.of(tp("orders", 1), tp("orders", 0), tp("pay", 2))),
        startMs,
        startMs,
        1);
  }

  @Test
  void shouldDescribeATransactionWithItsTopicsAndNotFoundForUnknownOrDeadIds() {
    // When
    DescribeTransactionsResponseData.TransactionState d =
        TxnViews.describe("tx", Optional.of(txn("tx", 7, TxnState.ONGOING, 500)));
    // Then
    assertThat(d.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(d.transactionState()).isEqualTo("Ongoing");
    assertThat(d.producerId()).isEqualTo(7);
    assertThat(d.producerEpoch()).isEqualTo((short) 3);
    assertThat(d.transactionTimeoutMs()).isEqualTo(60_000);
    assertThat(d.transactionStartTimeMs()).isEqualTo(500);
    assertThat(d.topics().find("orders").partitions()).containsExactly(0, 1);
    assertThat(d.topics().find("pay").partitions()).containsExactly(2);
    assertThat(TxnViews.describe("x", Optional.empty()).errorCode())
        .isEqualTo(Errors.TRANSACTIONAL_ID_NOT_FOUND.code());
    assertThat(TxnViews.describe("x", Optional.of(txn("x", 1, TxnState.DEAD, 0))).errorCode())
        .isEqualTo(Errors.TRANSACTIONAL_ID_NOT_FOUND.code());
  }

  @Test
  void shouldListByStateProducerDurationAndPatternAndEchoUnknownStates() {
    // Given
    List<TxnMetadata> all =
        List.of(
            txn("b", 2, TxnState.ONGOING, 1_000),
            txn("a", 1, TxnState.EMPTY, -1),
            txn("c", 3, TxnState.ONGOING, 9_500),
            txn("d", 4, TxnState.DEAD, 0));
    // When
    ListTransactionsResponseData everything =
        TxnViews.list(all, new ListTransactionsRequestData().setDurationFilter(-1), 10_000);
    ListTransactionsResponseData ongoing =
        TxnViews.list(
            all,
            new ListTransactionsRequestData()
                .setStateFilters(List.of("Ongoing", "Bogus"))
                .setDurationFilter(-1),
            10_000);
    ListTransactionsResponseData longRunning =
        TxnViews.list(
            all,
            new ListTransactionsRequestData()
                .setStateFilters(List.of("Ongoing"))
                .setDurationFilter(1_000),
            10_000);
    ListTransactionsResponseData byProducer =
        TxnViews.list(
            all,
            new ListTransactionsRequestData()
                .setProducerIdFilters(List.of(3L))
                .setDurationFilter(-1),
            10_000);
    ListTransactionsResponseData byPattern =
        TxnViews.list(
            all,
            new ListTransactionsRequestData()
                .setTransactionalIdPattern("[ab]")
                .setDurationFilter(-1),
            10_000);
    // Then
    assertThat(ids(everything)).containsExactly("a", "b", "c");
    assertThat(everything.transactionStates().get(0).transactionState()).isEqualTo("Empty");
    assertThat(ids(ongoing)).containsExactly("b", "c");
    assertThat(ongoing.unknownStateFilters()).containsExactly("Bogus");
    assertThat(ids(longRunning)).containsExactly("b");
    assertThat(ids(byProducer)).containsExactly("c");
    assertThat(ids(byPattern)).containsExactly("a", "b");
  }

  private static List<String> ids(ListTransactionsResponseData r) {
    return r.transactionStates().stream()
        .map(ListTransactionsResponseData.TransactionState::transactionalId)
        .toList();
  }
}
