/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import static io.kafscale.broker.txn.TxnTestContext.tp;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.model.TransactionRecord;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** The coordinator shell: persistence before replies, markers, retries, timeouts, failover. */
class TransactionCoordinatorTest {
  private final TransactionCoordinatorTestContext ctx = new TransactionCoordinatorTestContext();
  private final TransactionCoordinator coordinator = ctx.coordinator();

  private TxnReply.InitProducerId init(TransactionCoordinator c, String id, int timeoutMs) {
    return (TxnReply.InitProducerId)
        c.handle(
                new TxnEvent.InitProducerId(
                    id, timeoutMs, Optional.empty(), OptionalLong.empty(), ctx.clock.millis()))
            .join();
  }

  private TxnReply add(TransactionCoordinator c, String id, TxnReply.InitProducerId p) {
    return c.handle(
            new TxnEvent.AddPartitions(
                id,
                p.producerId(),
                p.producerEpoch(),
                Set.of(tp("orders", 0), tp("orders", 1)),
                false,
                ctx.clock.millis()))
        .join();
  }

  private TxnReply end(
      TransactionCoordinator c, String id, TxnReply.InitProducerId p, boolean commit) {
    return c.handle(
            new TxnEvent.EndTxn(id, p.producerId(), p.producerEpoch(), commit, ctx.clock.millis()))
        .join();
  }

  private TransactionRecord.Status stored(String id) {
    return ctx.registry.records.get(id).state();
  }

  @Test
  void shouldCommitPersistingEachStepAndWritingMarkersAfterTheReply() {
    // Given
    TxnReply.InitProducerId p = init(coordinator, "tx", 60_000);
    assertThat(p).isEqualTo(new TxnReply.InitProducerId(Errors.NONE, 5000, (short) 0));
    assertThat(add(coordinator, "tx", p))
        .isInstanceOfSatisfying(
            TxnReply.AddPartitions.class, r -> assertThat(r.succeeded()).isTrue());
    // When
    TxnReply ended = end(coordinator, "tx", p, true);
    // Then the reply came once PrepareCommit was stored, and markers were requested
    assertThat(ended).isEqualTo(new TxnReply.Status(Errors.NONE));
    assertThat(stored("tx")).isEqualTo(TransactionRecord.Status.PREPARE_COMMIT);
    TransactionCoordinatorTestContext.MarkerCall call = ctx.markers.last();
    assertThat(call.commit()).isTrue();
    assertThat(call.coordinatorEpoch()).isEqualTo(1);
    assertThat(call.partitions()).containsExactly(tp("orders", 0), tp("orders", 1));
    // When the markers are written
    call.done().complete(null);
    // Then
    assertThat(stored("tx")).isEqualTo(TransactionRecord.Status.COMPLETE_COMMIT);
    assertThat(end(coordinator, "tx", p, true)).isEqualTo(new TxnReply.Status(Errors.NONE));
  }

  @Test
  void shouldRetryFailedMarkerWritesAfterTheBackoff() {
    // Given
    TxnReply.InitProducerId p = init(coordinator, "tx", 60_000);
    add(coordinator, "tx", p);
    end(coordinator, "tx", p, false);
    // When the first attempt fails
    ctx.markers.last().done().completeExceptionally(new RuntimeException("owner down"));
    ctx.scheduler.advance(TransactionCoordinatorTestContext.MARKER_BACKOFF);
    // Then a second attempt is made and completes the abort
    assertThat(ctx.markers.calls).hasSize(2);
    ctx.markers.last().done().complete(null);
    assertThat(stored("tx")).isEqualTo(TransactionRecord.Status.COMPLETE_ABORT);
  }

  @Test
  void shouldAbortATimedOutTransactionWithABumpedEpoch() {
    // Given
    TxnReply.InitProducerId p = init(coordinator, "tx", 1_000);
    add(coordinator, "tx", p);
    // When the timeout passes
    ctx.scheduler.advance(Duration.ofMillis(1_001));
    // Then
    assertThat(stored("tx")).isEqualTo(TransactionRecord.Status.PREPARE_ABORT);
    TransactionCoordinatorTestContext.MarkerCall call = ctx.markers.last();
    assertThat(call.commit()).isFalse();
    assertThat(call.epoch()).isEqualTo((short) 1);
    assertThat(end(coordinator, "tx", p, true))
        .isEqualTo(new TxnReply.Status(Errors.PRODUCER_FENCED));
  }

  @Test
  void shouldFinishAPreparedCommitAfterFailoverWithTheNewEpoch() {
    // Given a commit whose markers the old coordinator never wrote
    TxnReply.InitProducerId p = init(coordinator, "tx", 60_000);
    add(coordinator, "tx", p);
    end(coordinator, "tx", p, true);
    // When another broker becomes coordinator at epoch 2 and is asked about the id
    ctx.ownerEpoch = 2;
    TransactionCoordinator successor = ctx.coordinator();
    TxnReply retry = end(successor, "tx", p, true);
    // Then it re-sent the markers at its epoch and the client waits for them
    assertThat(retry).isEqualTo(new TxnReply.Status(Errors.CONCURRENT_TRANSACTIONS));
    TransactionCoordinatorTestContext.MarkerCall resent = ctx.markers.last();
    assertThat(resent.coordinatorEpoch()).isEqualTo(2);
    assertThat(resent.commit()).isTrue();
    resent.done().complete(null);
    assertThat(stored("tx")).isEqualTo(TransactionRecord.Status.COMPLETE_COMMIT);
    assertThat(end(successor, "tx", p, true)).isEqualTo(new TxnReply.Status(Errors.NONE));
  }

  @Test
  void shouldAnswerNotCoordinatorWhenFencedOrNotOwnedAndKeepTheOldState() {
    // Given
    TxnReply.InitProducerId p = init(coordinator, "tx", 60_000);
    // When another broker claimed the partition since, before this one noticed
    ctx.claimedElsewhereAt = 2;
    TxnReply fenced = add(coordinator, "tx", p);
    // Then
    assertThat(fenced)
        .isInstanceOfSatisfying(
            TxnReply.AddPartitions.class,
            r -> assertThat(r.errors()).containsValue(Errors.NOT_COORDINATOR));
    assertThat(stored("tx")).isEqualTo(TransactionRecord.Status.EMPTY);
    // When the partition is not owned here at all
    ctx.owned = false;
    assertThat(init(coordinator, "tx", 60_000).error()).isEqualTo(Errors.NOT_COORDINATOR);
    assertThat(coordinator.loadedStates()).isEmpty();
  }

  @Test
  void shouldCompleteWhenTheMarkerWriterAnswersSynchronously() {
    // Given a marker writer whose futures are already complete
    ctx.markers.completeAtOnce = true;
    TxnReply.InitProducerId p = init(coordinator, "tx", 60_000);
    add(coordinator, "tx", p);
    // When
    TxnReply ended = end(coordinator, "tx", p, true);
    // Then
    assertThat(ended).isEqualTo(new TxnReply.Status(Errors.NONE));
    assertThat(stored("tx")).isEqualTo(TransactionRecord.Status.COMPLETE_COMMIT);
    assertThat(init(coordinator, "tx", 60_000).producerEpoch()).isEqualTo((short) 1);
  }

  @Test
  void shouldUnloadAPartitionNoLongerOwnedOnThePeriodicCheckWithoutARequest() {
    // Given a loaded partition and the periodic check armed
    init(coordinator, "tx", 60_000);
    coordinator.start(Duration.ofSeconds(1));
    assertThat(coordinator.loadedPartitions()).isEqualTo(1);
    // When the partition moves away and the check interval passes, with no request meanwhile
    ctx.owned = false;
    ctx.scheduler.advance(Duration.ofSeconds(1));
    // Then it was unloaded
    assertThat(coordinator.loadedPartitions()).isZero();
    assertThat(coordinator.loadedStates()).isEmpty();
    coordinator.close();
  }

  @Test
  void shouldStopThePeriodicCheckOnClose() {
    // Given
    init(coordinator, "tx", 60_000);
    coordinator.start(Duration.ofSeconds(1));
    // When
    coordinator.close();
    ctx.owned = false;
    ctx.scheduler.advance(Duration.ofSeconds(5));
    // Then nothing ran any more
    assertThat(coordinator.loadedPartitions()).isEqualTo(1);
  }

  @Test
  void shouldLoadEveryOwnedPartitionToListItsTransactions() {
    // Given a transaction stored by a previous coordinator, not loaded by this one
    TxnReply.InitProducerId p = init(coordinator, "tx", 60_000);
    add(coordinator, "tx", p);
    ctx.ownerEpoch = 2;
    TransactionCoordinator successor = ctx.coordinator();
    assertThat(successor.loadedStates()).isEmpty();
    // When
    var listed = successor.ownedStates().join();
    // Then the partition was loaded and its transaction listed
    assertThat(listed).extracting(TxnMetadata::transactionalId).containsExactly("tx");
    assertThat(successor.loadedStates()).hasSize(1);
  }

  @Test
  void shouldListNothingWhenNoPartitionIsOwned() {
    // Given
    ctx.owned = false;
    // When / Then
    assertThat(coordinator.ownedStates().join()).isEmpty();
  }
}
