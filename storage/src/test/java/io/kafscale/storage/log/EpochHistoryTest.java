/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.log.EpochHistory.Entry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kafka's end-offset-for-epoch rule over segment epochs (KIP-101, KIP-320). */
class EpochHistoryTest {

  private static SegmentRef segment(int epoch, long baseOffset, long lastOffset) {
    return SegmentRef.flushed(
        "k-" + baseOffset, null, 0, 100, baseOffset, lastOffset, 0, epoch, 0, 0);
  }

  /** Epoch 1 wrote 0-9, epoch 3 wrote 10-24, epoch 4 wrote 25-29; the log opens at epoch 6. */
  private static final EpochHistory HISTORY =
      EpochHistory.of(
          List.of(
              segment(3, 20, 24),
              segment(1, 0, 4),
              segment(1, 5, 9),
              segment(3, 10, 19),
              segment(4, 25, 29)),
          6,
          30);

  @Test
  void shouldRecordWhereEachEpochStartedInOffsetOrder() {
    assertThat(HISTORY.entries())
        .containsExactly(new Entry(1, 0), new Entry(3, 10), new Entry(4, 25), new Entry(6, 30));
    assertThat(HISTORY.latestEpoch()).isEqualTo(6);
  }

  @Test
  void shouldEndTheLatestEpochAtTheHighWatermark() {
    assertThat(HISTORY.endOffsetFor(6, 42)).isEqualTo(new EpochEndOffset(6, 42));
  }

  @Test
  void shouldAnswerUndefinedForAnEpochAboveTheLatest() {
    assertThat(HISTORY.endOffsetFor(7, 42)).isEqualTo(EpochEndOffset.UNDEFINED);
    assertThat(HISTORY.endOffsetFor(7, 42).isUndefined()).isTrue();
  }

  @Test
  void shouldAnswerUndefinedForTheUndefinedEpoch() {
    assertThat(HISTORY.endOffsetFor(-1, 42)).isEqualTo(EpochEndOffset.UNDEFINED);
  }

  @Test
  void shouldEndAKnownEpochWhereTheNextEpochStarted() {
    assertThat(HISTORY.endOffsetFor(1, 42)).isEqualTo(new EpochEndOffset(1, 10));
    assertThat(HISTORY.endOffsetFor(3, 42)).isEqualTo(new EpochEndOffset(3, 25));
    // The log's own epoch has written nothing yet: the previous one ends at the recovered mark.
    assertThat(HISTORY.endOffsetFor(4, 42)).isEqualTo(new EpochEndOffset(4, 30));
  }

  @Test
  void shouldAnswerTheFloorEpochForAnEpochThatWroteNothing() {
    assertThat(HISTORY.endOffsetFor(2, 42)).isEqualTo(new EpochEndOffset(1, 10));
    assertThat(HISTORY.endOffsetFor(5, 42)).isEqualTo(new EpochEndOffset(4, 30));
  }

  @Test
  void shouldAnswerTheRequestedEpochWhenEveryKnownEpochIsHigher() {
    // Given a history whose oldest epochs are no longer listed (retention)
    EpochHistory history = EpochHistory.of(List.of(segment(5, 100, 109)), 7, 110);
    // When / Then: continue from where the first known epoch starts
    assertThat(history.endOffsetFor(2, 110)).isEqualTo(new EpochEndOffset(2, 100));
  }

  @Test
  void shouldKnowOnlyItsOwnEpochWhenNothingIsCommitted() {
    // Given
    EpochHistory empty = EpochHistory.of(List.of(), 1, 0);
    // Then
    assertThat(empty.entries()).containsExactly(new Entry(1, 0));
    assertThat(empty.endOffsetFor(1, 0)).isEqualTo(new EpochEndOffset(1, 0));
    assertThat(empty.endOffsetFor(0, 0)).isEqualTo(new EpochEndOffset(0, 0));
  }

  @Test
  void shouldKeepTheFirstStartWhenTheLogReopensAtTheSameEpoch() {
    // Given a restart at the epoch that wrote the last segments
    EpochHistory history = EpochHistory.of(List.of(segment(2, 0, 4), segment(3, 5, 9)), 3, 10);
    // Then
    assertThat(history.entries()).containsExactly(new Entry(2, 0), new Entry(3, 5));
    assertThat(history.endOffsetFor(3, 12)).isEqualTo(new EpochEndOffset(3, 12));
    assertThat(history.endOffsetFor(2, 12)).isEqualTo(new EpochEndOffset(2, 5));
  }

  @Test
  void shouldSkipSegmentsWithoutAnEpoch() {
    // Given a segment written before epochs were recorded
    EpochHistory history = EpochHistory.of(List.of(segment(-1, 0, 4), segment(2, 5, 9)), 4, 10);
    // Then
    assertThat(history.entries()).containsExactly(new Entry(2, 5), new Entry(4, 10));
  }

  @Test
  void shouldLetALaterNonMonotonicEntryReplaceTheEntriesItContradicts() {
    // When: epoch 5 is followed by a lower epoch 4 at a later offset (as Kafka's cache assigns)
    EpochHistory history =
        EpochHistory.fromStarts(List.of(new Entry(1, 0), new Entry(5, 10), new Entry(4, 20)));
    // Then
    assertThat(history.entries()).containsExactly(new Entry(1, 0), new Entry(4, 20));
  }

  @Test
  void shouldMoveAnEpochStartBackWhenTheSameEpochIsSeenEarlier() {
    // When
    EpochHistory history =
        EpochHistory.fromStarts(List.of(new Entry(1, 0), new Entry(3, 10), new Entry(3, 8)));
    // Then
    assertThat(history.entries()).containsExactly(new Entry(1, 0), new Entry(3, 8));
  }
}
