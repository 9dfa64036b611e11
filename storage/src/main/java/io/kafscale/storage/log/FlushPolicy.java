/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import java.time.Duration;

/**
 * When a partition's staged batches must be flushed: once they hold {@code maxBytes} or once the
 * oldest has waited {@code maxAge}. Immutable.
 */
public record FlushPolicy(long maxBytes, Duration maxAge) {

  public FlushPolicy {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("flush max bytes must be > 0: " + maxBytes);
    }
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("flush max age must be >= 0: " + maxAge);
    }
  }

  public static FlushPolicy of(StorageConfig config) {
    return new FlushPolicy(config.flushMaxBytes(), config.flushMaxAge());
  }

  /** Whether {@code stagedBytes} staged since {@code oldestStagedMs} must be flushed at {@code nowMs}. */
  public boolean shouldFlush(long stagedBytes, long oldestStagedMs, long nowMs) {
    return stagedBytes > 0 && (stagedBytes >= maxBytes || nowMs >= deadline(oldestStagedMs));
  }

  /** The time at which a batch staged at {@code oldestStagedMs} must be flushed. */
  public long deadline(long oldestStagedMs) {
    return oldestStagedMs + maxAge.toMillis();
  }
}
