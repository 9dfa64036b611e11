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

/**
 * Invariants of {@link EpochHistory#endOffsetFor} over logs written by a random succession of
 * owners (each owner's epoch above the previous one, continuing at the high watermark): answers
 * never point past the high watermark, never name an epoch above the requested one, and move
 * forward as the requested epoch grows.
 */
class EpochHistoryProperties {

  /** A partition's committed segments, the epoch its current log opened at, and the marks. */
  record Log(List<SegmentRef> segments, int ownEpoch, long recoveredHw, long currentHw) {}

  @Provide
  Arbitrary<Log> logs() {
    Arbitrary<List<Integer>> epochSteps = Arbitraries.integers().between(0, 3).list().ofMaxSize(8);
    Arbitrary<List<Integer>> segmentCounts = Arbitraries.integers().between(0, 3).list().ofSize(8);
    Arbitrary<List<Integer>> segmentSizes = Arbitraries.integers().between(1, 20).list().ofSize(24);
    Arbitrary<Integer> ownerStep = Arbitraries.integers().between(0, 3);
    Arbitrary<Integer> appendedAfterOpen = Arbitraries.integers().between(0, 50);
    return Combinators.combine(
            epochSteps, segmentCounts, segmentSizes, ownerStep, appendedAfterOpen)
        .as(EpochHistoryProperties::build);
  }

  private static Log build(
      List<Integer> epochSteps,
      List<Integer> segmentCounts,
      List<Integer> sizes,
      int ownerStep,
      int appendedAfterOpen) {
    List<SegmentRef> segments = new ArrayList<>();
    int epoch = 0;
    long next = 0;
    int sizeIndex = 0;
    for (int owner = 0; owner < epochSteps.size(); owner++) {
      // An owner may commit nothing; a step of 0 is a reopen at the same epoch.
      epoch += epochSteps.get(owner);
      for (int s = 0; s < segmentCounts.get(owner); s++) {
        int size = sizes.get(sizeIndex++ % sizes.size());
        segments.add(
            SegmentRef.flushed("k" + next, null, 0, 1, next, next + size - 1, 0, epoch, 0, 0));
        next += size;
      }
    }
    return new Log(segments, epoch + ownerStep, next, next + appendedAfterOpen);
  }

  private static EpochHistory history(Log log) {
    return EpochHistory.of(log.segments(), log.ownEpoch(), log.recoveredHw());
  }

  @Property(tries = 300)
  void endOffsetNeverExceedsTheHighWatermark(
      @ForAll("logs") Log log, @ForAll @IntRange(min = -1, max = 40) int requested) {
    EpochEndOffset answer = history(log).endOffsetFor(requested, log.currentHw());
    assertThat(answer.endOffset()).isLessThanOrEqualTo(log.currentHw());
  }

  @Property(tries = 300)
  void answeredEpochIsNeverAboveTheRequestedOne(
      @ForAll("logs") Log log, @ForAll @IntRange(min = -1, max = 40) int requested) {
    EpochEndOffset answer = history(log).endOffsetFor(requested, log.currentHw());
    assertThat(answer.leaderEpoch()).isLessThanOrEqualTo(requested);
  }

  @Property(tries = 300)
  void endOffsetGrowsWithTheRequestedEpochUpToTheLatest(@ForAll("logs") Log log) {
    EpochHistory history = history(log);
    long previous = -1;
    for (int requested = 0; requested <= history.latestEpoch(); requested++) {
      EpochEndOffset answer = history.endOffsetFor(requested, log.currentHw());
      assertThat(answer.isUndefined()).as("epoch %d of %s", requested, history).isFalse();
      assertThat(answer.endOffset())
          .as("epoch %d of %s", requested, history)
          .isGreaterThanOrEqualTo(previous);
      previous = answer.endOffset();
    }
    assertThat(history.endOffsetFor(history.latestEpoch() + 1, log.currentHw()).isUndefined())
        .isTrue();
  }

  @Property(tries = 300)
  void everyCommittedOffsetLiesBeforeTheEndOfTheEpochThatWroteIt(@ForAll("logs") Log log) {
    // The truncation check a consumer makes: a record it saw at (epoch, offset) is never past the
    // end the broker reports for that epoch.
    EpochHistory history = history(log);
    for (SegmentRef segment : log.segments()) {
      EpochEndOffset answer = history.endOffsetFor(segment.epoch(), log.currentHw());
      assertThat(answer.leaderEpoch()).isEqualTo(segment.epoch());
      assertThat(segment.lastOffset()).isLessThan(answer.endOffset());
    }
  }
}
