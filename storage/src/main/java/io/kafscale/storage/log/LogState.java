/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Immutable snapshot of a partition's committed log: offsets, the segment references sorted by base
 * offset, and the first offset of the oldest ongoing transaction ({@link Long#MAX_VALUE} when
 * none), kept in the same snapshot so a reader never pairs data with a stale last stable offset.
 * Readers take one snapshot and work on it without locks; the log swaps in a new one after each
 * commit. {@code segments} is always a {@link SegmentList}.
 */
record LogState(
    long logStartOffset, long highWatermark, List<SegmentRef> segments, long firstUnstableOffset) {

  LogState {
    segments = SegmentList.copyOf(segments);
  }

  LogState(long logStartOffset, long highWatermark, List<SegmentRef> segments) {
    this(logStartOffset, highWatermark, segments, Long.MAX_VALUE);
  }

  /** The last stable offset: below it no transaction is ongoing. */
  long lastStableOffset() {
    return Math.min(firstUnstableOffset, highWatermark);
  }

  static LogState of(RecoveredPartition recovered) {
    List<SegmentRef> sorted = new ArrayList<>(recovered.segments());
    sorted.sort((a, b) -> Long.compare(a.baseOffset(), b.baseOffset()));
    return new LogState(recovered.logStartOffset(), recovered.highWatermark(), sorted);
  }

  /**
   * The state after committing {@code ref}: it is appended and the high watermark moves past it.
   */
  LogState withSegment(SegmentRef ref) {
    return withSegment(ref, firstUnstableOffset);
  }

  /**
   * Like {@link #withSegment(SegmentRef)}, with the first unstable offset after that commit. Takes
   * amortized constant time (see {@link SegmentList}), however many segments the log has.
   */
  LogState withSegment(SegmentRef ref, long firstUnstable) {
    return new LogState(
        logStartOffset, ref.nextOffset(), ((SegmentList) segments).with(ref), firstUnstable);
  }

  LogState withFirstUnstableOffset(long firstUnstable) {
    return new LogState(logStartOffset, highWatermark, segments, firstUnstable);
  }

  /**
   * The state after {@code plan} was committed: its deleted segments (a prefix of ours) are gone
   * and the log starts at its log start offset.
   */
  LogState trimmed(RetentionPlan plan) {
    int count = plan.deleted().size();
    for (int i = 0; i < count; i++) {
      if (segments.get(i).baseOffset() != plan.deleted().get(i).baseOffset()) {
        throw new IllegalStateException("trim plan does not match the log's leading segments");
      }
    }
    return new LogState(
        Math.max(logStartOffset, plan.logStartOffset()),
        highWatermark,
        segments.subList(count, segments.size()),
        firstUnstableOffset);
  }

  /**
   * The state after a compaction swap: {@code removed} (a contiguous run of ours) is replaced by
   * {@code added}, covering the same offsets; offsets do not move.
   */
  LogState replaced(List<SegmentRef> removed, List<SegmentRef> added) {
    int start = segments.indexOf(removed.getFirst());
    if (start < 0
        || start + removed.size() > segments.size()
        || !segments.subList(start, start + removed.size()).equals(removed)) {
      throw new IllegalStateException("replaced segments are not a run of the log's segments");
    }
    List<SegmentRef> next = new ArrayList<>(segments.size() - removed.size() + added.size());
    next.addAll(segments.subList(0, start));
    next.addAll(added);
    next.addAll(segments.subList(start + removed.size(), segments.size()));
    return new LogState(logStartOffset, highWatermark, next, firstUnstableOffset);
  }

  /**
   * Index of the segment that may hold {@code offset}: the last one whose base offset is ≤ it (0
   * when the offset precedes every segment, -1 when there are none).
   */
  int indexOf(long offset) {
    int lo = 0;
    int hi = segments.size() - 1;
    int found = segments.isEmpty() ? -1 : 0;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (segments.get(mid).baseOffset() <= offset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}
