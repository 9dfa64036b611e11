/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.compaction;

import io.kafscale.storage.log.CompactionRequest;
import io.kafscale.storage.log.SegmentRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a log is due for compaction and which segments one compaction takes (Kafka's
 * cleaner rules, adapted to object-store segments). Pure and thread-safe.
 *
 * <p>Cleanable are the leading segments up to the first dirty one younger than {@code
 * minCompactionLagMs} (by max timestamp). Due when the dirty share of the cleanable bytes reaches
 * {@code minCleanableDirtyRatio} or the oldest dirty segment was written more than {@code
 * maxCompactionLagMs} ago. The window is the leading cleanable dirty segments (at most half the
 * swap budget) preceded by as many of the last compacted segments as the budget still allows, so
 * that removed plus (estimated) added segments stay within {@link
 * CompactionLimits#maxSwapSegments()}.
 */
public final class CompactionPlanner {

  private CompactionPlanner() {}

  /** The window to compact now, or empty when nothing is due. */
  public static Optional<CompactionWindow> plan(
      List<SegmentRef> segments, CompactionRequest request, long nowMs, CompactionLimits limits) {
    int cleanableEnd = cleanableEnd(segments, nowMs - request.minCompactionLagMs());
    int firstDirty = firstDirty(segments, cleanableEnd);
    if (firstDirty >= cleanableEnd) {
      return Optional.empty();
    }
    long cleanBytes = 0;
    for (int i = 0; i < firstDirty; i++) {
      cleanBytes += segments.get(i).length();
    }
    long dirtyBytes = 0;
    long oldestDirty = Long.MAX_VALUE;
    int dirtyEnd = firstDirty;
    while (dirtyEnd < cleanableEnd && !segments.get(dirtyEnd).compacted()) {
      SegmentRef s = segments.get(dirtyEnd);
      dirtyBytes += s.length();
      oldestDirty = Math.min(oldestDirty, s.createdAtMs());
      dirtyEnd++;
    }
    boolean ratioDue =
        (double) dirtyBytes / Math.max(1, cleanBytes + dirtyBytes)
            >= request.minCleanableDirtyRatio();
    boolean lagDue =
        request.maxCompactionLagMs() < Long.MAX_VALUE
            && oldestDirty <= nowMs - request.maxCompactionLagMs();
    if (!ratioDue && !lagDue) {
      return Optional.empty();
    }
    int maxOut = outputBytes(request, limits);
    int budget = limits.maxSwapSegments();
    long retention = request.deleteRetentionMs();
    List<SegmentRef> chosen = new ArrayList<>();
    for (int i = firstDirty; i < dirtyEnd && chosen.size() < Math.max(1, budget / 2); i++) {
      chosen.add(segments.get(i));
      if (chosen.size() > 1 && operations(chosen, maxOut, nowMs, retention) > budget) {
        chosen.removeLast();
        break;
      }
    }
    int compacted = 0;
    for (int i = firstDirty - 1; i >= 0; i--) {
      chosen.addFirst(segments.get(i));
      if (operations(chosen, maxOut, nowMs, retention) > budget) {
        chosen.removeFirst();
        break;
      }
      compacted++;
    }
    return Optional.of(new CompactionWindow(chosen, compacted, compacted == firstDirty));
  }

  /** Size of compacted outputs: the topic's segment size, capped by the memory bound. */
  public static int outputBytes(CompactionRequest request, CompactionLimits limits) {
    return Math.max(1, Math.min(request.maxSegmentBytes(), limits.maxOutputSegmentBytes()));
  }

  /** Removed segments plus an upper estimate of the outputs replacing them. */
  static int operations(
      List<SegmentRef> window, int maxOutputBytes, long nowMs, long deleteRetentionMs) {
    long outputs = 0;
    long runBytes = 0;
    for (int i = 0; i < window.size(); i++) {
      runBytes += window.get(i).length();
      // Outputs span epochs but split between generations (see WindowCompactor#generation).
      boolean runEnds =
          i == window.size() - 1
              || WindowCompactor.generation(window.get(i + 1), nowMs, deleteRetentionMs)
                  != WindowCompactor.generation(window.get(i), nowMs, deleteRetentionMs);
      if (runEnds) {
        // Greedy packing: two consecutive outputs of a run together exceed the maximum.
        outputs += 1 + 2 * (runBytes / maxOutputBytes);
        runBytes = 0;
      }
    }
    return (int) Math.min(Integer.MAX_VALUE, window.size() + outputs);
  }

  private static int cleanableEnd(List<SegmentRef> segments, long maxTimestampAllowed) {
    int i = 0;
    while (i < segments.size()
        && (segments.get(i).compacted() || segments.get(i).maxTimestamp() <= maxTimestampAllowed)) {
      i++;
    }
    return i;
  }

  private static int firstDirty(List<SegmentRef> segments, int end) {
    int i = 0;
    while (i < end && segments.get(i).compacted()) {
      i++;
    }
    return i;
  }
}
