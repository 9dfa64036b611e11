/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kafka's retention rules as the pure planner applies them to closed segments. */
class RetentionPlanTest {

  private static final long NOW = 1_000_000;

  /** Contiguous segments of 10 offsets each with the given lengths and max timestamps. */
  static List<SegmentRef> segments(int[] lengths, long[] timestamps) {
    List<SegmentRef> out = new ArrayList<>();
    for (int i = 0; i < lengths.length; i++) {
      out.add(segment(i * 10L, lengths[i], timestamps[i]));
    }
    return out;
  }

  static SegmentRef segment(long base, int length, long maxTimestamp) {
    return SegmentRef.flushed(
        "k" + base, null, 0, length, base, base + 9, maxTimestamp, 1, 0, maxTimestamp);
  }

  @Test
  void shouldDeleteLeadingSegmentsOlderThanRetentionMsAndStopAtTheFirstYoungOne() {
    // Given a young segment between two old ones
    List<SegmentRef> segs =
        segments(new int[] {100, 100, 100, 100}, new long[] {1_000, 2_000, 990_000, 3_000});
    // When
    RetentionPlan plan = RetentionPlan.retention(segs, 0, 40, NOW, 10_000, -1);
    // Then the old segment behind the young one stays (Kafka deletes a prefix only)
    assertThat(plan.deleted()).extracting(SegmentRef::baseOffset).containsExactly(0L, 10L);
    assertThat(plan.logStartOffset()).isEqualTo(20);
  }

  @Test
  void shouldKeepASegmentExactlyAtRetentionMs() {
    // Given
    List<SegmentRef> segs = segments(new int[] {100}, new long[] {NOW - 10_000});
    // Then
    assertThat(RetentionPlan.retention(segs, 0, 10, NOW, 10_000, -1).isNoop()).isTrue();
    assertThat(RetentionPlan.retention(segs, 0, 10, NOW + 1, 10_000, -1).deleted()).hasSize(1);
  }

  @Test
  void shouldDeleteBySizeWhileTheRestStillHoldsRetentionBytes() {
    // Given 400 bytes stored
    List<SegmentRef> segs =
        segments(new int[] {100, 100, 100, 100}, new long[] {NOW, NOW, NOW, NOW});
    // When the limit is 250 bytes
    RetentionPlan plan = RetentionPlan.retention(segs, 0, 40, NOW, -1, 250);
    // Then only one segment goes (removing a second would leave 200 < 250)
    assertThat(plan.deleted()).hasSize(1);
    assertThat(plan.deletedBytes()).isEqualTo(100);
    assertThat(RetentionPlan.retention(segs, 0, 40, NOW, -1, 200).deleted()).hasSize(2);
  }

  @Test
  void shouldDeleteEverythingWhenRetentionBytesIsZero() {
    // Given
    List<SegmentRef> segs = segments(new int[] {100, 100}, new long[] {NOW, NOW});
    // When
    RetentionPlan plan = RetentionPlan.retention(segs, 0, 20, NOW, -1, 0);
    // Then all segments are closed, so all may go; the log start stops at the high watermark
    assertThat(plan.deleted()).hasSize(2);
    assertThat(plan.logStartOffset()).isEqualTo(20);
  }

  @Test
  void shouldKeepEverythingWithInfiniteLimits() {
    // Given
    List<SegmentRef> segs = segments(new int[] {100, 100}, new long[] {0, 0});
    // Then
    assertThat(RetentionPlan.retention(segs, 0, 20, NOW, -1, -1).isNoop()).isTrue();
  }

  @Test
  void shouldDropSegmentsWhollyBelowTheLogStartFirst() {
    // Given a log start moved by DeleteRecords past the first segment
    List<SegmentRef> segs = segments(new int[] {100, 100}, new long[] {NOW, NOW});
    // When
    RetentionPlan plan = RetentionPlan.retention(segs, 15, 20, NOW, -1, -1);
    // Then
    assertThat(plan.deleted()).extracting(SegmentRef::baseOffset).containsExactly(0L);
    assertThat(plan.logStartOffset()).isEqualTo(15);
  }

  @Test
  void shouldUseTheCreationTimeOfASegmentWithoutTimestamps() {
    // Given
    SegmentRef noTimestamp = SegmentRef.flushed("k", null, 0, 100, 0, 9, -1, 1, 0, 1_000);
    // Then
    assertThat(RetentionPlan.retention(List.of(noTimestamp), 0, 10, NOW, 10_000, -1).deleted())
        .hasSize(1);
  }

  @Test
  void shouldMoveTheLogStartInsideASegmentForDeleteRecords() {
    // Given
    List<SegmentRef> segs = segments(new int[] {100, 100, 100}, new long[] {NOW, NOW, NOW});
    // When
    RetentionPlan plan = RetentionPlan.deleteBefore(segs, 0, 30, 15);
    // Then
    assertThat(plan.deleted()).extracting(SegmentRef::baseOffset).containsExactly(0L);
    assertThat(plan.logStartOffset()).isEqualTo(15);
  }

  @Test
  void shouldNotMoveTheLogStartBackwardsForDeleteRecords() {
    // Given
    List<SegmentRef> segs = segments(new int[] {100, 100}, new long[] {NOW, NOW});
    // Then
    RetentionPlan plan = RetentionPlan.deleteBefore(segs, 12, 20, 5);
    assertThat(plan.logStartOffset()).isEqualTo(12);
    // the segment wholly below the current log start is cleaned up on the way
    assertThat(plan.deleted()).extracting(SegmentRef::baseOffset).containsExactly(0L);
    assertThat(RetentionPlan.deleteBefore(segs.subList(1, 2), 12, 20, 5).isNoop()).isTrue();
    assertThatThrownBy(() -> RetentionPlan.deleteBefore(segs, 0, 20, 21))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
