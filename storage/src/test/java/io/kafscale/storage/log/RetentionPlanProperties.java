/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Invariants of retention and DeleteRecords plans over random logs and limits. */
class RetentionPlanProperties {

  /** A log: contiguous segments from a base offset, and a log start inside the first segment. */
  record Log(List<SegmentRef> segments, long logStart, long highWatermark) {}

  @Provide
  Arbitrary<Log> logs() {
    Arbitrary<List<int[]>> specs =
        Combinators.combine(
                Arbitraries.integers().between(1, 20),
                Arbitraries.integers().between(1, 1000),
                Arbitraries.integers().between(0, 10_000))
            .as((count, length, ts) -> new int[] {count, length, ts})
            .list()
            .ofMaxSize(12);
    return Combinators.combine(
            specs, Arbitraries.longs().between(0, 1000), Arbitraries.integers().between(0, 19))
        .as(
            (spec, base, into) -> {
              List<SegmentRef> segs = new ArrayList<>();
              long next = base;
              for (int[] s : spec) {
                segs.add(
                    SegmentRef.flushed(
                        "k" + next, null, 0, s[1], next, next + s[0] - 1, s[2], 1, 0, 0));
                next += s[0];
              }
              long start = segs.isEmpty() ? base : Math.min(base + into, segs.get(0).lastOffset());
              return new Log(segs, start, next);
            });
  }

  @Property
  void retentionNeverMovesTheLogStartBackOrPastTheHighWatermark(
      @ForAll("logs") Log log,
      @ForAll @LongRange(min = -1, max = 12_000) long retentionMs,
      @ForAll @LongRange(min = -1, max = 12_000) long retentionBytes) {
    RetentionPlan plan =
        RetentionPlan.retention(
            log.segments(),
            log.logStart(),
            log.highWatermark(),
            10_000,
            retentionMs,
            retentionBytes);
    assertInvariants(log, plan);
  }

  @Property
  void deleteRecordsNeverMovesTheLogStartBackOrPastTheHighWatermark(
      @ForAll("logs") Log log, @ForAll @IntRange(min = 0, max = 300) int ahead) {
    long offset = Math.min(log.highWatermark(), log.logStart() - 20 + ahead);
    RetentionPlan plan =
        RetentionPlan.deleteBefore(log.segments(), log.logStart(), log.highWatermark(), offset);
    assertInvariants(log, plan);
    assertThat(plan.logStartOffset()).isEqualTo(Math.max(log.logStart(), offset));
  }

  @Property
  void retentionBytesLeavesAtLeastTheLimitUnlessNothingIsOld(
      @ForAll("logs") Log log, @ForAll @LongRange(min = 0, max = 12_000) long retentionBytes) {
    RetentionPlan plan =
        RetentionPlan.retention(
            log.segments(), log.logStart(), log.highWatermark(), 0, -1, retentionBytes);
    long total = log.segments().stream().mapToLong(SegmentRef::length).sum();
    long kept = total - plan.deletedBytes();
    boolean onlyBelowStart = plan.deleted().stream().allMatch(s -> s.lastOffset() < log.logStart());
    assertThat(kept >= retentionBytes || onlyBelowStart).isTrue();
  }

  private static void assertInvariants(Log log, RetentionPlan plan) {
    assertThat(plan.logStartOffset()).isGreaterThanOrEqualTo(log.logStart());
    assertThat(plan.logStartOffset()).isLessThanOrEqualTo(log.highWatermark());
    assertThat(plan.deleted()).isEqualTo(log.segments().subList(0, plan.deleted().size()));
    // Deleted segments lie wholly below the new log start; kept ones reach it or beyond.
    plan.deleted().forEach(s -> assertThat(s.lastOffset()).isLessThan(plan.logStartOffset()));
    log.segments().stream()
        .skip(plan.deleted().size())
        .forEach(s -> assertThat(s.lastOffset()).isGreaterThanOrEqualTo(plan.logStartOffset()));
  }
}
