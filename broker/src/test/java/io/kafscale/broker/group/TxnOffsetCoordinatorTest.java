/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.registry.FencedEpochException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.NotCoordinatorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transactional offsets on the group coordinator: pending until the commit marker, dropped by the
 * abort marker, durable across a coordinator failover, and fenced like every group write.
 */
class TxnOffsetCoordinatorTest {
  private static final long PID = 4_000;
  private static final short EPOCH = 2;
  private static final PartitionRef ORDERS_0 = new PartitionRef("orders", 0);

  private final GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext();
  private final InMemoryTxnOffsetRegistry pending = new InMemoryTxnOffsetRegistry(ctx.registry);
  private TxnOffsetCoordinator txn;
  private GroupCoordinator successor;

  @BeforeEach
  void ownEveryPartition() {
    ctx.own(1, 1);
    txn = ctx.coordinator.transactionalOffsets(pending);
  }

  @AfterEach
  void tearDown() {
    ctx.close();
    if (successor != null) {
      successor.close();
    }
  }

  private CompletableFuture<ErrorKind> txnCommit(
      TxnOffsetCoordinator c, String group, long producerId, long offset) {
    return c.commit(
        group,
        producerId,
        EPOCH,
        "",
        Optional.empty(),
        -1,
        Map.of(ORDERS_0, new CommittedOffsetRecord(offset, 1, "txn", ctx.clock.millis())));
  }

  private int partitionOf(String group) {
    return ctx.coordinator.partitionFor(group);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    assertThat(f).isCompletedExceptionally();
    try {
      f.join();
      throw new AssertionError("not failed");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  @Test
  void shouldKeepTransactionalOffsetsInvisibleUntilTheTransactionCommits() {
    // When
    ErrorKind result = txnCommit(txn, "g", PID, 42).join();
    // Then
    assertThat(result).isEqualTo(ErrorKind.NONE);
    assertThat(ctx.coordinator.fetchOffsets("g").join()).isEmpty();
    assertThat(ctx.coordinator.unstablePartitions("g").join()).containsExactly(ORDERS_0);
    assertThat(pending.stored.get("g")).containsOnlyKeys(PID);
  }

  @Test
  void shouldMakePendingOffsetsCommittedOffsetsWhenTheCommitMarkerArrives() {
    // Given
    txnCommit(txn, "g", PID, 42).join();
    // When
    txn.complete(partitionOf("g"), PID, EPOCH, true).join();
    // Then
    assertThat(ctx.coordinator.fetchOffsets("g").join().get(ORDERS_0).offset()).isEqualTo(42);
    assertThat(ctx.registry.offsets.get("g").get(ORDERS_0).offset()).isEqualTo(42);
    assertThat(ctx.coordinator.unstablePartitions("g").join()).isEmpty();
    assertThat(pending.stored).doesNotContainKey("g");
  }

  @Test
  void shouldDiscardPendingOffsetsWhenTheAbortMarkerArrives() {
    // Given a committed offset from before the transaction
    ctx.commit(ctx.coordinator, "g", "", -1, 10).join();
    txnCommit(txn, "g", PID, 42).join();
    // When
    txn.complete(partitionOf("g"), PID, EPOCH, false).join();
    // Then
    assertThat(ctx.coordinator.fetchOffsets("g").join().get(ORDERS_0).offset()).isEqualTo(10);
    assertThat(ctx.coordinator.unstablePartitions("g").join()).isEmpty();
    assertThat(pending.stored).doesNotContainKey("g");
  }

  @Test
  void shouldSucceedWhenAMarkerIsRetriedWithNothingPending() {
    // Given
    txnCommit(txn, "g", PID, 42).join();
    txn.complete(partitionOf("g"), PID, EPOCH, true).join();
    // When
    CompletableFuture<Void> retried = txn.complete(partitionOf("g"), PID, EPOCH, true);
    // Then
    assertThat(retried).isCompleted().isNotCompletedExceptionally();
    assertThat(ctx.coordinator.fetchOffsets("g").join().get(ORDERS_0).offset()).isEqualTo(42);
  }

  @Test
  void shouldApplyOnlyTheMarkersProducerAndCoordinatorPartition() {
    // Given two groups on different coordinator partitions, and another producer on "g"
    String other = "h";
    int p = 0;
    while (partitionOf(other + p) == partitionOf("g")) {
      p++;
    }
    other = other + p;
    txnCommit(txn, "g", PID, 42).join();
    txnCommit(txn, "g", PID + 1, 50).join();
    txnCommit(txn, other, PID, 60).join();
    // When
    txn.complete(partitionOf("g"), PID, EPOCH, true).join();
    // Then
    assertThat(pending.stored.get("g")).containsOnlyKeys(PID + 1);
    assertThat(pending.stored.get(other)).containsOnlyKeys(PID);
    assertThat(ctx.coordinator.fetchOffsets(other).join()).isEmpty();
  }

  @Test
  void shouldLetASuccessorLoadPendingOffsetsAndApplyALaterCommitMarker() {
    // Given offsets pending on broker 1, then broker 2 takes every coordinator partition over
    txnCommit(txn, "g", PID, 42).join();
    ctx.own(2, 2);
    successor = ctx.newCoordinator(2);
    TxnOffsetCoordinator successorTxn = successor.transactionalOffsets(pending);
    // When
    assertThat(successor.unstablePartitions("g").join()).containsExactly(ORDERS_0);
    successorTxn.complete(partitionOf("g"), PID, EPOCH, true).join();
    // Then
    assertThat(successor.fetchOffsets("g").join().get(ORDERS_0).offset()).isEqualTo(42);
    assertThat(successor.unstablePartitions("g").join()).isEmpty();
  }

  @Test
  void shouldRefuseWritesOfACoordinatorWhoseFenceNoLongerHolds() {
    // Given the group is loaded here, then another broker's claim replaces the store's fence
    txnCommit(txn, "g", PID, 42).join();
    int partition = partitionOf("g");
    synchronized (ctx.registry) {
      ctx.registry.currentFences.put(
          partition,
          new CoordinatorFence(
              CoordinatorPartitions.TOPIC, partition, new BrokerSession(2, "inc2", 7), 2));
    }
    // When
    Throwable commit = failure(txnCommit(txn, "g", PID, 43));
    Throwable marker = failure(txn.complete(partition, PID, EPOCH, true));
    // Then
    assertThat(commit).isInstanceOf(FencedEpochException.class);
    assertThat(marker).isInstanceOf(NotCoordinatorException.class);
    assertThat(pending.stored.get("g").get(PID).offsets().get(ORDERS_0).offset()).isEqualTo(42);
    assertThat(ctx.registry.offsets.getOrDefault("g", Map.of())).isEmpty();
  }

  @Test
  void shouldAnswerNotCoordinatorForAMarkerOnAPartitionOwnedElsewhere() {
    // Given
    ctx.owned.remove(1);
    // When
    Throwable marker = failure(txn.complete(1, PID, EPOCH, true));
    // Then
    assertThat(marker).isInstanceOf(NotCoordinatorException.class);
  }

  @Test
  void shouldValidateMemberAndGenerationWhenTheyAreGiven() {
    // Given a stable group of one member at generation 1
    String member = ctx.joinAndSyncAlone(ctx.coordinator, "g");
    Map<PartitionRef, CommittedOffsetRecord> offsets =
        Map.of(ORDERS_0, new CommittedOffsetRecord(5, -1, "", 0));
    // When
    ErrorKind unknown = txn.commit("g", PID, EPOCH, "nobody", Optional.empty(), 1, offsets).join();
    ErrorKind stale = txn.commit("g", PID, EPOCH, member, Optional.empty(), 0, offsets).join();
    ErrorKind anonymous = txn.commit("g", PID, EPOCH, "", Optional.empty(), -1, offsets).join();
    ErrorKind current = txn.commit("g", PID, EPOCH, member, Optional.empty(), 1, offsets).join();
    // Then
    assertThat(unknown).isEqualTo(ErrorKind.UNKNOWN_MEMBER_ID);
    assertThat(stale).isEqualTo(ErrorKind.ILLEGAL_GENERATION);
    assertThat(anonymous).isEqualTo(ErrorKind.NONE);
    assertThat(current).isEqualTo(ErrorKind.NONE);
  }

  @Test
  void shouldAnswerNotCoordinatorForACommitToAGroupNotCoordinatedHere() {
    // Given
    ctx.owned.remove(partitionOf("g"));
    // When
    Throwable failure = failure(txnCommit(txn, "g", PID, 1));
    // Then
    assertThat(failure).isInstanceOf(io.kafscale.broker.group.NotCoordinatorException.class);
  }

  @Test
  void shouldIgnoreAStaleMarkerOlderThanThePendingOffsetsEpoch() {
    // Given offsets pending at epoch 2
    txnCommit(txn, "g", PID, 42).join();
    // When a marker of an earlier transaction at epoch 1 arrives late
    CompletableFuture<Void> stale = txn.complete(partitionOf("g"), PID, (short) (EPOCH - 1), true);
    // Then it completes without touching them
    assertThat(stale).isCompleted().isNotCompletedExceptionally();
    assertThat(ctx.coordinator.fetchOffsets("g").join()).isEmpty();
    assertThat(pending.stored.get("g")).containsOnlyKeys(PID);
    // When the transaction's own marker arrives
    txn.complete(partitionOf("g"), PID, EPOCH, true).join();
    // Then
    assertThat(ctx.coordinator.fetchOffsets("g").join().get(ORDERS_0).offset()).isEqualTo(42);
  }

  @Test
  void shouldApplyAMarkerWithANewerEpochAsAfterATimeoutAbort() {
    // Given offsets pending at epoch 2
    txnCommit(txn, "g", PID, 42).join();
    // When the coordinator aborts on timeout with the bumped epoch 3
    txn.complete(partitionOf("g"), PID, (short) (EPOCH + 1), false).join();
    // Then
    assertThat(pending.stored).doesNotContainKey("g");
    assertThat(ctx.coordinator.unstablePartitions("g").join()).isEmpty();
  }

  @Test
  void shouldDropPendingTransactionalOffsetsOfADeletedGroup() {
    // Given a group with committed offsets and pending offsets of two producers
    ctx.commit(ctx.coordinator, "g", "", -1, 10).join();
    txnCommit(txn, "g", PID, 42).join();
    txnCommit(txn, "g", PID + 1, 43).join();
    // When the group is deleted
    GroupResponse deleted = ctx.coordinator.handle("g", GroupEvent.Delete::new).join();
    // Then nothing pending is left, in the store or when a later marker arrives
    assertThat(deleted.error()).isEqualTo(ErrorKind.NONE);
    assertThat(pending.stored).doesNotContainKey("g");
    txn.complete(partitionOf("g"), PID, EPOCH, true).join();
    assertThat(ctx.coordinator.fetchOffsets("g").join()).isEmpty();
  }
}
