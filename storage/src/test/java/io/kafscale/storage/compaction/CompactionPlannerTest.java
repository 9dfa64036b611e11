/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.log.CompactionRequest;
import io.kafscale.storage.log.SegmentRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompactionPlannerTest {

  private static final long NOW = 1_000_000;
  private static final CompactionLimits LIMITS = CompactionLimits.DEFAULTS;

  private static SegmentRef seg(
      long base, int length, long maxTs, boolean compacted, long created) {
    return new SegmentRef(
        "s" + base,
        null,
        0,
        length,
        base,
        base + 9,
        maxTs,
        1,
        0,
        created,
        compacted,
        List.of(),
        List.of());
  }

  private static CompactionRequest request(double ratio, long minLag, long maxLag) {
    return new CompactionRequest(ratio, minLag, maxLag, 86_400_000, 1 << 30);
  }

  @Test
  void shouldPlanNothingWhenTheDirtyRatioIsBelowTheMinimum() {
    // Given 900 compacted bytes and 100 dirty ones
    List<SegmentRef> log = List.of(seg(0, 900, 0, true, 0), seg(10, 100, 0, false, NOW));
    // When
    Optional<CompactionWindow> plan =
        CompactionPlanner.plan(log, request(0.5, 0, Long.MAX_VALUE), NOW, LIMITS);
    // Then
    assertThat(plan).isEmpty();
  }

  @Test
  void shouldCompactCompactedTailAndDirtySegmentsWhenTheRatioIsReached() {
    // Given
    List<SegmentRef> log =
        List.of(seg(0, 100, 0, true, 0), seg(10, 100, 0, false, NOW), seg(20, 100, 0, false, NOW));
    // When
    CompactionWindow w =
        CompactionPlanner.plan(log, request(0.5, 0, Long.MAX_VALUE), NOW, LIMITS).orElseThrow();
    // Then
    assertThat(w.segments()).isEqualTo(log);
    assertThat(w.firstDirty()).isEqualTo(1);
    assertThat(w.startsLog()).isTrue();
  }

  @Test
  void shouldCompactWhenTheOldestDirtySegmentPassedTheMaximumLag() {
    // Given a low dirty ratio but an old dirty segment
    List<SegmentRef> log = List.of(seg(0, 900, 0, true, 0), seg(10, 100, 0, false, NOW - 60_000));
    // When
    Optional<CompactionWindow> plan =
        CompactionPlanner.plan(log, request(0.5, 0, 30_000), NOW, LIMITS);
    // Then
    assertThat(plan).isPresent();
  }

  @Test
  void shouldLeaveSegmentsYoungerThanTheMinimumLagAlone() {
    // Given the second dirty segment holds records of the last second
    List<SegmentRef> log =
        List.of(seg(0, 100, NOW - 60_000, false, NOW), seg(10, 100, NOW - 1_000, false, NOW));
    // When
    CompactionWindow w =
        CompactionPlanner.plan(log, request(0.1, 10_000, Long.MAX_VALUE), NOW, LIMITS)
            .orElseThrow();
    // Then
    assertThat(w.segments()).containsExactly(log.getFirst());
  }

  @Test
  void shouldPlanNothingWhenEverySegmentIsCompactedOrTooYoung() {
    // Given
    List<SegmentRef> log = List.of(seg(0, 100, 0, true, 0), seg(10, 100, NOW, false, NOW));
    // When / Then
    assertThat(CompactionPlanner.plan(log, request(0.0, 10_000, Long.MAX_VALUE), NOW, LIMITS))
        .isEmpty();
    assertThat(CompactionPlanner.plan(List.of(), request(0.0, 0, Long.MAX_VALUE), NOW, LIMITS))
        .isEmpty();
  }

  @Test
  void shouldBoundTheWindowSoOneSwapStaysWithinTheTransactionLimit() {
    // Given 150 compacted and 150 dirty segments
    List<SegmentRef> log = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      log.add(seg(i * 10L, 1000, 0, i < 150, 0));
    }
    // When
    CompactionWindow w =
        CompactionPlanner.plan(log, request(0.1, 0, Long.MAX_VALUE), NOW, LIMITS).orElseThrow();
    // Then at most half the budget is dirty, and removed + estimated outputs fit 100
    assertThat(w.dirty()).hasSize(50).startsWith(log.get(150));
    assertThat(w.compacted()).isNotEmpty().endsWith(log.get(149));
    assertThat(w.startsLog()).isFalse();
    assertThat(
            CompactionPlanner.operations(
                w.segments(), 1 << 30, NOW, request(0.1, 0, Long.MAX_VALUE).deleteRetentionMs()))
        .isLessThanOrEqualTo(100);
    assertThat(w.segments().size()).isLessThanOrEqualTo(99);
  }
}
