/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import io.kafscale.storage.segment.SegmentView;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The owner's in-memory copies of its most recently committed segments, keyed by base offset and
 * bounded by bytes (oldest dropped first; they stay reachable through the shared segment cache and
 * the object store). Written by the partition's serial executor, read by any thread.
 */
final class RecentSegments {

  private final long maxBytes;
  private final ConcurrentSkipListMap<Long, SegmentView> segments = new ConcurrentSkipListMap<>();
  private final AtomicLong bytes = new AtomicLong();

  RecentSegments(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  void add(SegmentView view) {
    if (view.sizeInBytes() > maxBytes) {
      return;
    }
    segments.put(view.baseOffset(), view);
    bytes.addAndGet(view.sizeInBytes());
    while (bytes.get() > maxBytes) {
      Map.Entry<Long, SegmentView> oldest = segments.pollFirstEntry();
      if (oldest == null) {
        break;
      }
      bytes.addAndGet(-oldest.getValue().sizeInBytes());
    }
  }

  /** Drops the segment with base offset {@code baseOffset}, if held (it was deleted). */
  void remove(long baseOffset) {
    SegmentView old = segments.remove(baseOffset);
    if (old != null) {
      bytes.addAndGet(-old.sizeInBytes());
    }
  }

  /** The segment whose base offset is exactly {@code baseOffset}, or null. */
  SegmentView get(long baseOffset) {
    return segments.get(baseOffset);
  }

  long sizeInBytes() {
    return bytes.get();
  }

  void clear() {
    segments.clear();
    bytes.set(0);
  }
}
