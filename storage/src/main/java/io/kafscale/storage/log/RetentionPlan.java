/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import java.util.List;

/**
 * Which whole leading segments of a partition go, and where the log starts afterwards. Built by the
 * pure planners {@link #retention} (topic retention, Kafka's order: segments below the log start,
 * then by time, then by size) and {@link #deleteBefore} (DeleteRecords). Immutable.
 *
 * <p>Every committed segment here is closed (there is no active segment as in Kafka), so retention
 * may delete all of them; the log start then equals the high watermark and the partition is empty
 * but keeps its offsets. The log start never decreases and never passes the high watermark; the
 * deleted segments are always a prefix of the segment list.
 *
 * @param fromLogStartOffset the log start offset the plan was made for
 * @param logStartOffset the log start offset after the plan is applied
 * @param deleted the leading segments to delete, oldest first
 */
public record RetentionPlan(
    long fromLogStartOffset, long logStartOffset, List<SegmentRef> deleted) {

  public RetentionPlan {
    deleted = List.copyOf(deleted);
    if (logStartOffset < fromLogStartOffset) {
      throw new IllegalArgumentException(
          "log start offset " + logStartOffset + " below " + fromLogStartOffset);
    }
  }

  /** Whether applying the plan changes nothing. */
  public boolean isNoop() {
    return deleted.isEmpty() && logStartOffset == fromLogStartOffset;
  }

  /** Stored bytes of the deleted segments. */
  public long deletedBytes() {
    return deleted.stream().mapToLong(SegmentRef::length).sum();
  }

  /**
   * Kafka's delete retention over {@code segments} (sorted by base offset): first the segments
   * wholly below {@code logStartOffset}; then, while {@code retentionMs >= 0}, each oldest segment
   * whose max timestamp (its creation time if it has none) is more than {@code retentionMs} before
   * {@code nowMs}; then, while {@code retentionBytes >= 0}, each oldest segment whose removal still
   * leaves at least {@code retentionBytes} stored. Each step stops at the first segment it keeps.
   * Negative limits mean infinite.
   */
  public static RetentionPlan retention(
      List<SegmentRef> segments,
      long logStartOffset,
      long highWatermark,
      long nowMs,
      long retentionMs,
      long retentionBytes) {
    int n = deletableCount(segments, highWatermark);
    long remaining = segments.stream().mapToLong(SegmentRef::length).sum();
    int count = 0;
    while (count < n && segments.get(count).lastOffset() < logStartOffset) {
      remaining -= segments.get(count++).length();
    }
    if (retentionMs >= 0) {
      while (count < n && nowMs - timestampOf(segments.get(count)) > retentionMs) {
        remaining -= segments.get(count++).length();
      }
    }
    if (retentionBytes >= 0) {
      while (count < n && remaining - segments.get(count).length() >= retentionBytes) {
        remaining -= segments.get(count++).length();
      }
    }
    return of(segments, count, logStartOffset, highWatermark, Long.MIN_VALUE);
  }

  /**
   * DeleteRecords: the log starts at {@code offset} (if that is above the current start); segments
   * wholly below it go, a segment it falls inside stays. {@code offset} must not exceed {@code
   * highWatermark}.
   */
  public static RetentionPlan deleteBefore(
      List<SegmentRef> segments, long logStartOffset, long highWatermark, long offset) {
    if (offset > highWatermark) {
      throw new IllegalArgumentException(
          "offset " + offset + " is above the high watermark " + highWatermark);
    }
    long target = Math.max(logStartOffset, offset);
    int n = deletableCount(segments, highWatermark);
    int count = 0;
    while (count < n && segments.get(count).lastOffset() < target) {
      count++;
    }
    return of(segments, count, logStartOffset, highWatermark, target);
  }

  private static RetentionPlan of(
      List<SegmentRef> segments, int count, long logStart, long highWatermark, long target) {
    List<SegmentRef> deleted = segments.subList(0, count);
    long next = Math.max(logStart, target);
    if (count > 0) {
      next = Math.max(next, deleted.getLast().nextOffset());
    }
    return new RetentionPlan(logStart, Math.min(highWatermark, Math.max(logStart, next)), deleted);
  }

  /** Segments reaching past the high watermark are never deleted (none should exist). */
  private static int deletableCount(List<SegmentRef> segments, long highWatermark) {
    int n = 0;
    while (n < segments.size() && segments.get(n).nextOffset() <= highWatermark) {
      n++;
    }
    return n;
  }

  private static long timestampOf(SegmentRef ref) {
    return ref.maxTimestamp() >= 0 ? ref.maxTimestamp() : ref.createdAtMs();
  }
}
