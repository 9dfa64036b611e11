/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import java.time.Duration;

/**
 * Settings shared by every partition log of a broker: object key namespace, flush triggers (staged
 * bytes, age of the oldest staged batch, and the staged bytes that start a flush at once when none
 * is in flight), the byte budget of the segment cache, and the sparse index interval in bytes.
 */
public record StorageConfig(
    String namespace,
    long flushMaxBytes,
    Duration flushMaxAge,
    long cacheBytes,
    int indexIntervalBytes,
    long idleFlushBytes) {

  /**
   * Default of {@link #idleFlushBytes}: a partition with no flush in flight flushes at once when
   * this much is staged (one full default-sized producer batch is 16 KiB; a busy producer's batches
   * are larger). Smaller staged amounts wait for the age trigger, which bounds the PUT rate of a
   * trickle of tiny requests to one per {@code flushMaxAge}; an eager flush always carries at least
   * this many bytes, which bounds its PUTs per MiB. Chosen by measurement, see docs/benchmarks.md.
   */
  public static final long DEFAULT_IDLE_FLUSH_BYTES = 64L << 10;

  public StorageConfig {
    if (idleFlushBytes < 0) {
      throw new IllegalArgumentException("idle flush bytes must be >= 0: " + idleFlushBytes);
    }
  }

  /** With the default {@link #DEFAULT_IDLE_FLUSH_BYTES}. */
  public StorageConfig(
      String namespace, long flushMaxBytes, Duration flushMaxAge, long cacheBytes, int indexIntervalBytes) {
    this(namespace, flushMaxBytes, flushMaxAge, cacheBytes, indexIntervalBytes, DEFAULT_IDLE_FLUSH_BYTES);
  }
}
