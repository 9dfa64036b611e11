/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.compaction;

import io.kafscale.storage.log.SegmentRef;
import java.util.ArrayList;
import java.util.List;

/**
 * A contiguous run of committed segments to compact together: {@code firstDirty} already compacted
 * segments followed by dirty (flushed, never compacted) ones. {@code startsLog} says no segment
 * precedes the window: only then may tombstones be dropped, since an older value of their key in a
 * preceding segment would otherwise reappear. Immutable.
 */
public record CompactionWindow(List<SegmentRef> segments, int firstDirty, boolean startsLog) {

  public CompactionWindow {
    segments = List.copyOf(segments);
    if (firstDirty < 0 || firstDirty >= segments.size()) {
      throw new IllegalArgumentException("a window needs at least one dirty segment");
    }
  }

  public List<SegmentRef> compacted() {
    return segments.subList(0, firstDirty);
  }

  public List<SegmentRef> dirty() {
    return segments.subList(firstDirty, segments.size());
  }

  /** The same window with its dirty part cut to the first {@code count} segments. */
  public CompactionWindow withDirtyCount(int count) {
    if (count < 1 || count > dirty().size()) {
      throw new IllegalArgumentException("dirty count " + count + " out of range");
    }
    return new CompactionWindow(segments.subList(0, firstDirty + count), firstDirty, startsLog);
  }

  /**
   * The same window without its first {@code count} compacted segments (when the key map cannot
   * index them); it then no longer starts the log.
   */
  public CompactionWindow withoutLeading(int count) {
    if (count < 0 || count > firstDirty) {
      throw new IllegalArgumentException("only compacted segments can be left out: " + count);
    }
    return count == 0
        ? this
        : new CompactionWindow(segments.subList(count, segments.size()), firstDirty - count, false);
  }

  /** Whether segment {@code i} is the last of a run of one owner epoch within the window. */
  public boolean endsEpochRun(int i) {
    return i == segments.size() - 1
        || segments.get(i + 1).epochRuns().getFirst().epoch() != segments.get(i).epoch();
  }

  /** Where each owner epoch of the window starts, oldest first (consecutive epochs merged). */
  public List<SegmentRef.EpochStart> epochStarts() {
    List<SegmentRef.EpochStart> starts = new ArrayList<>();
    for (SegmentRef s : segments) {
      for (SegmentRef.EpochStart e : s.epochRuns()) {
        if (starts.isEmpty() || starts.getLast().epoch() != e.epoch()) {
          starts.add(e);
        }
      }
    }
    return starts;
  }

  public long firstOffset() {
    return segments.getFirst().baseOffset();
  }

  public long lastOffset() {
    return segments.getLast().lastOffset();
  }
}
