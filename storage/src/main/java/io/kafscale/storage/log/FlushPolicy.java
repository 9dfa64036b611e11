/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import java.time.Duration;

/**
 * When a partition's staged batches must be flushed: once they hold {@code maxBytes}, once the
 * oldest has waited {@code maxAge}, or, while no flush of the partition is in flight, once they
 * hold {@code idleBytes}. Immutable.
 *
 * <p>Why the idle trigger: at most one flush per partition is in flight and an acks=1/all producer
 * has only a few requests outstanding per connection (five by default), each waiting for its flush.
 * Waiting for the age deadline while nothing is in flight mostly waits for data that cannot come,
 * because the producer is blocked on exactly these acks. Flushing at once instead turns the
 * in-flight flush into the batching window (group commit): under load the next flush collects
 * everything that arrived during the previous one, so flushes grow with the store's latency (S3)
 * and shrink when the store is fast (local disk). The {@code idleBytes} floor keeps a trickle of
 * tiny requests on the age trigger, so each eager flush (one PUT) carries at least that much.
 */
public record FlushPolicy(long maxBytes, Duration maxAge, long idleBytes) {

  public FlushPolicy {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("flush max bytes must be > 0: " + maxBytes);
    }
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("flush max age must be >= 0: " + maxAge);
    }
    if (idleBytes < 0) {
      throw new IllegalArgumentException("idle flush bytes must be >= 0: " + idleBytes);
    }
  }

  /** Without the idle trigger (only size and age). */
  public FlushPolicy(long maxBytes, Duration maxAge) {
    this(maxBytes, maxAge, Long.MAX_VALUE);
  }

  public static FlushPolicy of(StorageConfig config) {
    return new FlushPolicy(config.flushMaxBytes(), config.flushMaxAge(), config.idleFlushBytes());
  }

  /**
   * Whether {@code stagedBytes} staged since {@code oldestStagedMs} must be flushed at {@code nowMs}
   * when no flush is in flight.
   */
  public boolean shouldFlush(long stagedBytes, long oldestStagedMs, long nowMs) {
    return stagedBytes > 0
        && (stagedBytes >= maxBytes || stagedBytes >= idleBytes || nowMs >= deadline(oldestStagedMs));
  }

  /** The time at which a batch staged at {@code oldestStagedMs} must be flushed. */
  public long deadline(long oldestStagedMs) {
    return oldestStagedMs + maxAge.toMillis();
  }
}
