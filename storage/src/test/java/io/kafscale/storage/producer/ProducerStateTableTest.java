/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.log.StorageException.Reason;
import io.kafscale.storage.producer.ProducerCheck.StagedRef;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProducerStateTableTest {

  private static final long PID = 7;

  private final ProducerStateTable table = new ProducerStateTable(List.of());
  private long nextOffset;

  private static SequenceBatch batch(short epoch, int first, int count) {
    long last = (long) first + count - 1;
    int lastSeq = last > Integer.MAX_VALUE ? (int) (last - Integer.MAX_VALUE - 1) : (int) last;
    return new SequenceBatch(PID, epoch, first, lastSeq);
  }

  private ProducerCheck stageAndCommit(long appendId, SequenceBatch b, int count) {
    ProducerCheck check = table.tryStage(appendId, List.of(b));
    if (check instanceof ProducerCheck.Accepted) {
      table.applyCommitted(
          List.of(
              new CommittedBatch(
                  new StagedRef(appendId, 0), nextOffset, nextOffset + count - 1, 1000)),
          1000);
      nextOffset += count;
    }
    return check;
  }

  @Test
  void shouldRequireSequenceZeroFromAProducerWithoutState() {
    // A later first batch could overtake earlier ones still in flight to a previous owner.
    assertThat(table.tryStage(1, List.of(batch((short) 0, 17, 1))))
        .isEqualTo(
            new ProducerCheck.Rejected(
                Reason.OUT_OF_ORDER_SEQUENCE,
                "producer 7 sequence 17: expected sequence 0 from a producer with no state on this"
                    + " partition"));
    assertThat(table.tryStage(2, List.of(batch((short) 3, 0, 1))))
        .isInstanceOf(ProducerCheck.Accepted.class);
  }

  @Test
  void shouldAnswerARetryOfABatchCommittedBeforeTheKeptOnesAsADuplicate() {
    // Given batches 0..9 committed, of which 5..9 are kept
    for (int i = 0; i < 10; i++) {
      stageAndCommit(i, batch((short) 0, i, 1), 1);
    }
    // When a retry of batch 2 arrives (its first attempt committed, its answer lost)
    ProducerCheck retry = table.tryStage(20, List.of(batch((short) 0, 2, 1)));
    // Then
    assertThat(retry)
        .isEqualTo(
            new ProducerCheck.Rejected(
                Reason.DUPLICATE_SEQUENCE,
                "producer 7 sequences 2..2 were committed before the last 5 batches kept here"));
    assertThat(table.stagedCount()).isZero();
  }

  @Test
  void shouldNotTakeABatchOverlappingTheKeptOnesOrOfAnotherEpochForADuplicate() {
    for (int i = 0; i < 10; i++) {
      stageAndCommit(i, batch((short) 0, i, 1), 1);
    }
    assertThat(table.tryStage(20, List.of(batch((short) 0, 4, 2))))
        .isEqualTo(
            new ProducerCheck.Rejected(
                Reason.OUT_OF_ORDER_SEQUENCE, "producer 7 sequence 4: expected sequence 10"));
    assertThat(table.tryStage(21, List.of(batch((short) 1, 2, 1))))
        .isEqualTo(
            new ProducerCheck.Rejected(
                Reason.OUT_OF_ORDER_SEQUENCE,
                "producer 7 sequence 2: a new epoch must start at sequence 0"));
  }

  @Test
  void shouldNotTakeABatchBeforeTheEpochsFirstForADuplicate() {
    // Given all of the epoch's batches kept (the oldest starts at 0): nothing came before them
    for (int i = 0; i < 3; i++) {
      stageAndCommit(i, batch((short) 0, i, 1), 1);
    }
    // When a batch with a sequence from before the wrap claims to precede them
    ProducerCheck check = table.tryStage(20, List.of(batch((short) 0, Integer.MAX_VALUE, 1)));
    // Then
    assertThat(check)
        .isEqualTo(
            new ProducerCheck.Rejected(
                Reason.OUT_OF_ORDER_SEQUENCE,
                "producer 7 sequence 2147483647: expected sequence 3"));
  }

  @Test
  void shouldAnswerARetryFromBeforeTheWrapAsADuplicate() {
    // Given sequences that wrapped: ..., MAX-1..MAX, 0, then 1..5 kept
    stageAndCommit(1, batch((short) 0, 0, Integer.MAX_VALUE - 1), Integer.MAX_VALUE - 1);
    stageAndCommit(2, batch((short) 0, Integer.MAX_VALUE - 1, 2), 2);
    for (int i = 0; i < 6; i++) {
      stageAndCommit(3 + i, batch((short) 0, i, 1), 1);
    }
    // When
    ProducerCheck retry = table.tryStage(20, List.of(batch((short) 0, Integer.MAX_VALUE - 1, 2)));
    // Then
    assertThat(retry)
        .isInstanceOf(ProducerCheck.Rejected.class)
        .extracting(r -> ((ProducerCheck.Rejected) r).reason())
        .isEqualTo(Reason.DUPLICATE_SEQUENCE);
  }

  @Test
  void shouldSkipChecksForBatchesWithoutProducerId() {
    SequenceBatch none = new SequenceBatch(-1, (short) -1, -1, -1);
    assertThat(table.tryStage(1, List.of(none, none))).isInstanceOf(ProducerCheck.Accepted.class);
    assertThat(table.stagedCount()).isZero();
  }

  @Test
  void shouldWrapSequencesAfterIntegerMaxValue() {
    // Given
    stageAndCommit(1, batch((short) 0, 0, Integer.MAX_VALUE - 1), Integer.MAX_VALUE - 1);
    stageAndCommit(2, batch((short) 0, Integer.MAX_VALUE - 1, 2), 2);
    // When
    ProducerCheck next = stageAndCommit(3, batch((short) 0, 0, 1), 1);
    // Then
    assertThat(next).isInstanceOf(ProducerCheck.Accepted.class);
  }

  @Test
  void shouldRequireSequenceZeroForANewEpoch() {
    stageAndCommit(1, batch((short) 0, 0, 1), 1);
    assertThat(table.tryStage(2, List.of(batch((short) 1, 1, 1))))
        .isEqualTo(
            new ProducerCheck.Rejected(
                Reason.OUT_OF_ORDER_SEQUENCE,
                "producer 7 sequence 1: a new epoch must start at sequence 0"));
    assertThat(table.tryStage(3, List.of(batch((short) 1, 0, 1))))
        .isInstanceOf(ProducerCheck.Accepted.class);
  }

  @Test
  void shouldRememberOnlyTheLastFiveBatches() {
    // Given six committed batches
    for (int i = 0; i < 6; i++) {
      stageAndCommit(i, batch((short) 0, i, 1), 1);
    }
    // When
    ProducerCheck oldest = table.tryStage(10, List.of(batch((short) 0, 0, 1)));
    ProducerCheck recent = table.tryStage(11, List.of(batch((short) 0, 1, 1)));
    // Then
    assertThat(oldest).isInstanceOf(ProducerCheck.Rejected.class);
    assertThat(recent).isInstanceOf(ProducerCheck.Duplicate.class);
    assertThat(table.committedState(PID).orElseThrow().lastBatches()).hasSize(5);
  }

  @Test
  void shouldStageNothingWhenALaterBatchOfTheRequestIsRejected() {
    // Given
    stageAndCommit(1, batch((short) 0, 0, 1), 1);
    // When
    ProducerCheck check =
        table.tryStage(2, List.of(batch((short) 0, 1, 1), batch((short) 0, 9, 1)));
    // Then
    assertThat(check).isInstanceOf(ProducerCheck.Rejected.class);
    assertThat(table.stagedCount()).isZero();
  }

  @Test
  void shouldProjectSnapshotsWithoutChangingCommittedState() {
    // Given
    table.tryStage(1, List.of(batch((short) 0, 0, 2)));
    List<CommittedBatch> commit = new ArrayList<>();
    commit.add(new CommittedBatch(new StagedRef(1, 0), 10, 11, 500));
    // When
    List<ProducerSnapshot> projected = table.project(commit, 600);
    // Then
    assertThat(projected)
        .containsExactly(
            new ProducerSnapshot(
                PID,
                (short) 0,
                List.of(new ProducerSnapshot.BatchEntry(0, 1, 10, 11, 500)),
                600,
                ProducerSnapshot.NO_TXN));
    assertThat(table.committedState(PID)).isEmpty();
    table.applyCommitted(commit, 600);
    assertThat(table.snapshots()).isEqualTo(projected);
    assertThat(table.stagedCount()).isZero();
  }

  @Test
  void shouldRequireTheFailedSequenceFromANewProducerUntilItsRetryCommits() {
    // Given a new producer whose first two requests were discarded by a failed flush
    assertThat(table.tryStage(1, List.of(batch((short) 0, 0, 5))))
        .isInstanceOf(ProducerCheck.Accepted.class);
    assertThat(table.tryStage(2, List.of(batch((short) 0, 5, 2))))
        .isInstanceOf(ProducerCheck.Accepted.class);
    table.discard(List.of(1L));
    table.discard(List.of(2L));
    // When its pipelined request arrives before the retry of the failed one
    ProducerCheck pipelined = table.tryStage(3, List.of(batch((short) 0, 5, 2)));
    // Then it is out of order, while the retry and its successor are accepted
    assertThat(pipelined)
        .isEqualTo(
            new ProducerCheck.Rejected(
                Reason.OUT_OF_ORDER_SEQUENCE, "producer 7 sequence 5: expected sequence 0"));
    assertThat(stageAndCommit(4, batch((short) 0, 0, 5), 5))
        .isInstanceOf(ProducerCheck.Accepted.class);
    assertThat(stageAndCommit(5, batch((short) 0, 5, 2), 2))
        .isInstanceOf(ProducerCheck.Accepted.class);
  }
}
