/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import static io.kafscale.broker.txn.TxnTestContext.tp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.broker.group.CoordinatorPartitions;
import io.kafscale.metadata.model.PartitionRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** AddPartitionsToTxn, AddOffsetsToTxn, EndTxn, markers and timeouts, as Kafka answers them. */
class TransactionStateMachineTest {
  private final TxnTestContext ctx = new TxnTestContext();

  private static Errors status(TxnResult r) {
    return ((TxnReply.Status) r.reply().orElseThrow()).error();
  }

  private static Map<PartitionRef, Errors> partitionErrors(TxnResult r) {
    return ((TxnReply.AddPartitions) r.reply().orElseThrow()).errors();
  }

  @Test
  void shouldStartATransactionOnTheFirstAddAndArmItsTimeout() {
    // Given
    ctx.init("tx", 5_000);
    ctx.now = 20_000;
    // When
    TxnResult r = ctx.add("tx", tp("orders", 1), tp("orders", 0));
    // Then
    assertThat(partitionErrors(r))
        .containsExactly(
            Map.entry(tp("orders", 0), Errors.NONE), Map.entry(tp("orders", 1), Errors.NONE));
    TxnMetadata t = r.persist().orElseThrow();
    assertThat(t.state()).isEqualTo(TxnState.ONGOING);
    assertThat(t.txnStartTimeMs()).isEqualTo(20_000);
    assertThat(r.effects()).contains(new TxnEffect.ScheduleTimeout("tx", 25_001));
  }

  @Test
  void shouldAnswerAddsOfKnownPartitionsWithoutPersistingAndMergeNewOnes() {
    // Given
    ctx.init("tx");
    ctx.add("tx", tp("orders", 0));
    long started = ctx.state("tx").orElseThrow().txnStartTimeMs();
    ctx.now += 100;
    // When
    TxnResult again = ctx.add("tx", tp("orders", 0));
    TxnResult more = ctx.add("tx", tp("payments", 3));
    // Then
    assertThat(partitionErrors(again)).containsValue(Errors.NONE);
    assertThat(again.persist()).isEmpty();
    TxnMetadata t = more.persist().orElseThrow();
    assertThat(t.partitions()).containsExactly(tp("orders", 0), tp("payments", 3));
    assertThat(t.txnStartTimeMs()).isEqualTo(started);
    assertThat(more.effects()).noneMatch(TxnEffect.ScheduleTimeout.class::isInstance);
  }

  @Test
  void shouldRejectAddsWithUnknownIdsWrongProducersOrWhileCompleting() {
    // Given
    ctx.init("tx");
    ctx.add("tx", tp("orders", 0));
    // When / Then
    assertThat(partitionErrors(ctx.add("nope", 1000, (short) 0, tp("orders", 0))))
        .containsValue(Errors.INVALID_PRODUCER_ID_MAPPING);
    assertThat(partitionErrors(ctx.add("tx", 999, (short) 0, tp("orders", 0))))
        .containsValue(Errors.INVALID_PRODUCER_ID_MAPPING);
    assertThat(partitionErrors(ctx.add("tx", 1000, (short) 1, tp("orders", 0))))
        .containsValue(Errors.PRODUCER_FENCED);
    assertThat(partitionErrors(ctx.add("", 1000, (short) 0, tp("orders", 0))))
        .containsValue(Errors.INVALID_REQUEST);
    ctx.end("tx", false);
    assertThat(partitionErrors(ctx.add("tx", tp("orders", 1))))
        .containsExactly(Map.entry(tp("orders", 1), Errors.CONCURRENT_TRANSACTIONS));
  }

  @Test
  void shouldVerifyPartitionsWithoutAddingThem() {
    // Given
    ctx.init("tx");
    ctx.add("tx", tp("orders", 0));
    // When
    TxnResult r = ctx.verify("tx", tp("orders", 0), tp("orders", 1));
    // Then
    assertThat(partitionErrors(r))
        .containsExactly(
            Map.entry(tp("orders", 0), Errors.NONE),
            Map.entry(tp("orders", 1), Errors.TRANSACTION_ABORTABLE));
    assertThat(r.persist()).isEmpty();
    assertThat(ctx.state("tx").orElseThrow().partitions()).containsExactly(tp("orders", 0));
  }

  @Test
  void shouldRejectVerificationOfAFencedProducerOrDuringCompletion() {
    // Given
    ctx.init("tx");
    ctx.add("tx", tp("orders", 0));
    TxnMetadata t = ctx.state("tx").orElseThrow();
    // When
    TxnResult fenced =
        ctx.apply(
            new TxnEvent.AddPartitions("tx", 1000, (short) 5, Set.of(tp("orders", 0)), true, 1));
    ctx.end("tx", true);
    TxnResult completing = ctx.verify("tx", tp("orders", 0));
    // Then
    assertThat(partitionErrors(fenced)).containsValue(Errors.PRODUCER_FENCED);
    assertThat(partitionErrors(completing)).containsValue(Errors.CONCURRENT_TRANSACTIONS);
    assertThat(t.partitions()).containsExactly(tp("orders", 0));
  }

  @Test
  void shouldAddTheGroupsOffsetsPartitionForAddOffsets() {
    // Given
    ctx.init("tx");
    // When
    TxnResult r = ctx.apply(new TxnEvent.AddOffsets("tx", 1000, (short) 0, "my-group", 1));
    // Then
    assertThat(status(r)).isEqualTo(Errors.NONE);
    assertThat(r.persist().orElseThrow().partitions())
        .containsExactly(
            tp(CoordinatorPartitions.TOPIC, CoordinatorPartitions.partitionFor("my-group", 50)));
    assertThat(status(ctx.apply(new TxnEvent.AddOffsets("tx", 1000, (short) 3, "g", 1))))
        .isEqualTo(Errors.PRODUCER_FENCED);
  }

  @Test
  void shouldCommitThroughPrepareMarkersAndCompleteThenAcceptRetries() {
    // Given
    ctx.init("tx");
    ctx.add("tx", tp("orders", 0), tp("orders", 2));
    // When
    TxnResult end = ctx.end("tx", true);
    // Then PrepareCommit is persisted before the reply, then markers
    assertThat(end.effects().get(0)).isInstanceOf(TxnEffect.Persist.class);
    assertThat(end.effects().get(1))
        .isEqualTo(new TxnEffect.Reply(new TxnReply.Status(Errors.NONE)));
    assertThat(end.persist().orElseThrow().state()).isEqualTo(TxnState.PREPARE_COMMIT);
    TxnEffect.WriteMarkers markers = end.markers().orElseThrow();
    assertThat(markers.commit()).isTrue();
    assertThat(markers.partitions()).containsExactly(tp("orders", 0), tp("orders", 2));
    // And while markers are written
    assertThat(status(ctx.end("tx", true))).isEqualTo(Errors.CONCURRENT_TRANSACTIONS);
    assertThat(status(ctx.end("tx", false))).isEqualTo(Errors.INVALID_TXN_STATE);
    // When the markers are written
    TxnResult done = ctx.markersWritten(markers);
    // Then
    TxnMetadata complete = done.persist().orElseThrow();
    assertThat(complete.state()).isEqualTo(TxnState.COMPLETE_COMMIT);
    assertThat(complete.partitions()).isEmpty();
    assertThat(status(ctx.end("tx", true))).isEqualTo(Errors.NONE);
    assertThat(status(ctx.end("tx", false))).isEqualTo(Errors.INVALID_TXN_STATE);
  }

  @Test
  void shouldAbortAndTreatAbortRetriesLikeKafka() {
    // Given
    ctx.init("tx");
    ctx.add("tx", tp("orders", 0));
    // When
    TxnResult end = ctx.end("tx", false);
    // Then
    assertThat(end.persist().orElseThrow().state()).isEqualTo(TxnState.PREPARE_ABORT);
    assertThat(end.markers().orElseThrow().commit()).isFalse();
    assertThat(status(ctx.end("tx", false))).isEqualTo(Errors.CONCURRENT_TRANSACTIONS);
    assertThat(status(ctx.end("tx", true))).isEqualTo(Errors.INVALID_TXN_STATE);
    ctx.markersWritten(end.markers().orElseThrow());
    assertThat(status(ctx.end("tx", false))).isEqualTo(Errors.NONE);
    assertThat(status(ctx.end("tx", true))).isEqualTo(Errors.INVALID_TXN_STATE);
  }

  @Test
  void shouldRejectEndTxnWithoutATransactionOrFromAnotherProducer() {
    // Given
    ctx.init("tx");
    // When / Then
    assertThat(status(ctx.end("tx", true))).isEqualTo(Errors.INVALID_TXN_STATE);
    assertThat(status(ctx.end("nope", 1000, (short) 0, true)))
        .isEqualTo(Errors.INVALID_PRODUCER_ID_MAPPING);
    assertThat(status(ctx.end("tx", 1, (short) 0, true)))
        .isEqualTo(Errors.INVALID_PRODUCER_ID_MAPPING);
    assertThat(status(ctx.end("tx", 1000, (short) 1, true))).isEqualTo(Errors.PRODUCER_FENCED);
    assertThat(status(ctx.end("", 1000, (short) 0, true))).isEqualTo(Errors.INVALID_REQUEST);
  }

  @Test
  void shouldCompleteATransactionWithoutPartitionsAtOnce() {
    // Given an ongoing transaction with no partitions (an empty add, as the v4 form allows)
    ctx.init("tx");
    ctx.add("tx");
    // When
    TxnResult end = ctx.end("tx", true);
    // Then
    assertThat(end.persist().orElseThrow().state()).isEqualTo(TxnState.COMPLETE_COMMIT);
    assertThat(end.markers()).isEmpty();
    assertThat(status(end)).isEqualTo(Errors.NONE);
  }

  @Test
  void shouldIgnoreMarkerNoticesThatDoNotMatchThePreparedTransaction() {
    // Given
    ctx.init("tx");
    ctx.add("tx", tp("orders", 0));
    TxnEffect.WriteMarkers markers = ctx.end("tx", true).markers().orElseThrow();
    TxnMetadata before = ctx.state("tx").orElseThrow();
    // When
    TxnResult wrongEpoch =
        ctx.apply(new TxnEvent.MarkersWritten("tx", 1000, (short) 7, true, ctx.now));
    TxnResult wrongOutcome =
        ctx.apply(new TxnEvent.MarkersWritten("tx", 1000, (short) 0, false, ctx.now));
    TxnResult unknown = ctx.apply(new TxnEvent.MarkersWritten("x", 1, (short) 0, true, ctx.now));
    // Then
    assertThat(wrongEpoch.effects()).isEmpty();
    assertThat(wrongOutcome.effects()).isEmpty();
    assertThat(unknown.state()).isEmpty();
    assertThat(ctx.state("tx")).contains(before);
    assertThat(ctx.markersWritten(markers).persist()).isPresent();
  }

  @Test
  void shouldStartTheNextTransactionAfterACompletedOne() {
    // Given
    ctx.init("tx");
    ctx.add("tx", tp("orders", 0));
    ctx.markersWritten(ctx.end("tx", true).markers().orElseThrow());
    ctx.now += 1_000;
    // When
    TxnResult r = ctx.add("tx", tp("orders", 5));
    // Then
    TxnMetadata t = r.persist().orElseThrow();
    assertThat(t.state()).isEqualTo(TxnState.ONGOING);
    assertThat(t.partitions()).containsExactly(tp("orders", 5));
    assertThat(t.txnStartTimeMs()).isEqualTo(ctx.now);
  }

  @Test
  void shouldAbortATimedOutTransactionAndFenceItsProducer() {
    // Given a transaction started at 10_000 with a 1s timeout
    ctx.init("tx", 1_000);
    ctx.add("tx", tp("orders", 0));
    // When the timer fires early, then after the deadline
    TxnResult early = ctx.apply(new TxnEvent.CheckTimeout("tx", 11_000));
    TxnResult late = ctx.apply(new TxnEvent.CheckTimeout("tx", 11_001));
    // Then
    assertThat(early.effects()).containsExactly(new TxnEffect.ScheduleTimeout("tx", 11_001));
    assertThat(late.reply()).isEmpty();
    TxnMetadata aborting = late.persist().orElseThrow();
    assertThat(aborting.state()).isEqualTo(TxnState.PREPARE_ABORT);
    assertThat(aborting.producerEpoch()).isEqualTo((short) 1);
    assertThat(late.markers().orElseThrow())
        .isEqualTo(
            new TxnEffect.WriteMarkers(
                "tx", 1000, (short) 1, false, 1, new java.util.TreeSet<>(Set.of(tp("orders", 0)))));
    // And the zombie is fenced
    assertThat(status(ctx.end("tx", 1000, (short) 0, true))).isEqualTo(Errors.PRODUCER_FENCED);
    assertThat(partitionErrors(ctx.add("tx", 1000, (short) 0, tp("orders", 1))))
        .containsValue(Errors.PRODUCER_FENCED);
  }

  @Test
  void shouldIgnoreTimeoutChecksOfIdsWithoutAnOngoingTransaction() {
    // Given
    ctx.init("tx", 1_000);
    // When / Then
    assertThat(ctx.apply(new TxnEvent.CheckTimeout("tx", 99_999)).effects()).isEmpty();
    assertThat(ctx.apply(new TxnEvent.CheckTimeout("none", 99_999)).effects()).isEmpty();
  }

  @Test
  void shouldRefuseAStateOfAnotherId() {
    // Given
    ctx.init("tx");
    // When / Then
    assertThatThrownBy(
            () -> ctx.machine.apply(ctx.state("tx"), new TxnEvent.CheckTimeout("other", 1), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldAllowExactlyKafkasTransitions() {
    // Given one value per state
    TxnMetadata base = TxnMetadata.fresh("tx", 1, 1000, 0, 0);
    for (TxnState from : TxnState.values()) {
      TxnMetadata in =
          new TxnMetadata(
              "tx", 1, 1, (short) 0, (short) -1, 1000, from, new java.util.TreeSet<>(), -1, 0, 0);
      for (TxnState to : TxnState.values()) {
        // When / Then
        if (to.validPreviousStates().contains(from)) {
          assertThat(in.transition(to, List.of(), 1, 0).state()).isEqualTo(to);
        } else {
          assertThatThrownBy(() -> in.transition(to, List.of(), 1, 0))
              .isInstanceOf(IllegalStateException.class);
        }
      }
    }
    assertThat(base.state()).isEqualTo(TxnState.EMPTY);
    assertThat(TxnState.PREPARE_ABORT.validPreviousStates())
        .containsExactlyInAnyOrder(TxnState.ONGOING, TxnState.PREPARE_EPOCH_FENCE);
    assertThat(TxnState.fromKafkaName("PrepareEpochFence")).contains(TxnState.PREPARE_EPOCH_FENCE);
    assertThat(TxnState.fromKafkaName("ongoing")).isEqualTo(Optional.empty());
  }

  @Test
  void shouldConvertToAndFromTheDurableRecord() {
    // Given
    ctx.init("tx");
    ctx.add("tx", tp("orders", 0));
    TxnMetadata t = ctx.state("tx").orElseThrow();
    // When / Then
    assertThat(TxnMetadata.fromRecord(t.toRecord())).isEqualTo(t);
  }
}
