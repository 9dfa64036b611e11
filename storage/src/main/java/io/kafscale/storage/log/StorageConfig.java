/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import java.time.Duration;

/**
 * Settings shared by every partition log of a broker: object key namespace, flush triggers (staged
 * bytes, age of the oldest staged batch, and the early "idle" trigger: staged bytes and the delay
 * after the previous flush, see {@link FlushPolicy}), the byte budget of the segment cache, and the
 * sparse index interval in bytes.
 */
public record StorageConfig(
    String namespace,
    long flushMaxBytes,
    Duration flushMaxAge,
    long cacheBytes,
    int indexIntervalBytes,
    long idleFlushBytes,
    Duration idleFlushDelay) {

  /**
   * Default of {@link #idleFlushBytes}: a partition with no flush in flight flushes at once when
   * this much is staged (one full default-sized producer batch is 16 KiB; a busy producer's batches
   * are larger). Smaller staged amounts wait for the age trigger, which bounds the PUT rate of a
   * trickle of tiny requests to one per {@code flushMaxAge}; an early flush always carries at least
   * this many bytes, which bounds its PUTs per MiB.
   */
  public static final long DEFAULT_IDLE_FLUSH_BYTES = 64L << 10;

  /**
   * Default of {@link #idleFlushDelay}: the longest the next early flush waits, after a flush
   * finished, for the requests its acks release; it flushes sooner once the previous window is
   * staged again. See {@link FlushPolicy}. Measured (docs/benchmarks.md): with the window trigger a
   * flush carries about four of the producer's five 128 KiB requests instead of two, for about 10%
   * more throughput and 40% fewer objects per MiB.
   */
  public static final Duration DEFAULT_IDLE_FLUSH_DELAY = Duration.ofMillis(3);

  public StorageConfig {
    if (idleFlushBytes < 0 || idleFlushDelay.isNegative()) {
      throw new IllegalArgumentException(
          "idle flush bytes and delay must be >= 0: " + idleFlushBytes + ", " + idleFlushDelay);
    }
  }

  /** With the defaults {@link #DEFAULT_IDLE_FLUSH_BYTES} and {@link #DEFAULT_IDLE_FLUSH_DELAY}. */
  public StorageConfig(
      String namespace,
      long flushMaxBytes,
      Duration flushMaxAge,
      long cacheBytes,
      int indexIntervalBytes) {
    this(
        namespace,
        flushMaxBytes,
        flushMaxAge,
        cacheBytes,
        indexIntervalBytes,
        DEFAULT_IDLE_FLUSH_BYTES,
        DEFAULT_IDLE_FLUSH_DELAY);
  }
}
