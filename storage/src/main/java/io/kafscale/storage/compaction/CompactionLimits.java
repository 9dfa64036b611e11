/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.compaction;

/**
 * Resource bounds of one compaction. Immutable.
 *
 * @param maxSwapSegments removed plus added segments of one swap: the swap is one metadata
 *     transaction and etcd allows 128 operations per transaction, so ~100 leaves room for the
 *     transaction's own checks
 * @param keyMapBytes memory of the key → latest offset map (24 bytes per key, as Kafka's offset
 *     map: a 16-byte key hash and an 8-byte offset); the whole window (compacted and dirty part) is
 *     indexed, and the window ends where the map is full
 * @param maxOutputSegmentBytes cap on a compacted segment, below the topic's {@code segment.bytes}
 *     when that is larger, since an output is assembled in memory before its upload
 * @param maxDurationMs longest time from the first output upload to the swap: outputs are
 *     referenced only by the swap, and the object garbage collector deletes unreferenced objects
 *     after its grace period, so a slower compaction fails at swap time (its outputs are left to
 *     the collector) instead of referencing deleted objects. Keep it well below that grace.
 */
public record CompactionLimits(
    int maxSwapSegments, long keyMapBytes, int maxOutputSegmentBytes, long maxDurationMs) {

  /** Default maximum duration: a sixth of the default orphan grace (one hour). */
  public static final long DEFAULT_MAX_DURATION_MS = 10 * 60_000L;

  public static final CompactionLimits DEFAULTS =
      new CompactionLimits(100, 16L << 20, 64 << 20, DEFAULT_MAX_DURATION_MS);

  public CompactionLimits {
    if (maxSwapSegments < 2
        || keyMapBytes < KeyOffsetMap.BYTES_PER_ENTRY
        || maxOutputSegmentBytes < 1
        || maxDurationMs < 1) {
      throw new IllegalArgumentException("compaction limits too small");
    }
  }

  /** Limits with the default maximum duration. */
  public CompactionLimits(int maxSwapSegments, long keyMapBytes, int maxOutputSegmentBytes) {
    this(maxSwapSegments, keyMapBytes, maxOutputSegmentBytes, DEFAULT_MAX_DURATION_MS);
  }

  /** These limits with {@code maxDurationMs} as the maximum duration. */
  public CompactionLimits withMaxDurationMs(long maxDurationMs) {
    return new CompactionLimits(maxSwapSegments, keyMapBytes, maxOutputSegmentBytes, maxDurationMs);
  }
}
