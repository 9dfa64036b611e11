/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import java.time.Duration;

/**
 * When a partition's staged batches must be flushed (asked only while no flush of the partition is
 * in flight): once they hold {@code maxBytes}; once the oldest has waited {@code maxAge}; once they
 * hold at least {@code idleBytes} and as much as the previous flush's window (see below); or once
 * they hold {@code idleBytes} and {@code idleDelay} has passed since the previous flush finished.
 * Immutable.
 *
 * <p>Why the early ("idle") triggers: at most one flush per partition is in flight and an
 * acks=1/all producer has only a few requests outstanding per connection (five by default), each
 * waiting for its flush. Waiting for the age deadline while nothing is in flight mostly waits for
 * data that cannot come, because the producers are blocked on exactly these acks.
 *
 * <p>The window: when a flush finishes, everything the producers had outstanding is either in that
 * flush (now acknowledged) or staged; their sum is the window. The acks release that many bytes of
 * new requests, which arrive within about a network round trip. Flushing as soon as the window is
 * staged again makes every flush carry the producers' whole window: per flush cycle, the in-flight
 * window divided by (flush time + round trip). Flushing at once with what is staged instead splits
 * the window over two flushes, each request then waits for about one and a half flushes, and the
 * per-flush cost (fsyncs, or a PUT plus a metadata commit) is paid twice as often. {@code
 * idleDelay} bounds the wait when the window does not come back (a producer slowed down or
 * stopped); the window of the next flush then adapts to what did come. The {@code idleBytes} floor
 * keeps a trickle of tiny requests on the age trigger, so each early flush (one PUT) carries at
 * least that much.
 */
public record FlushPolicy(long maxBytes, Duration maxAge, long idleBytes, Duration idleDelay) {

  public FlushPolicy {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("flush max bytes must be > 0: " + maxBytes);
    }
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("flush max age must be >= 0: " + maxAge);
    }
    if (idleBytes < 0 || idleDelay.isNegative()) {
      throw new IllegalArgumentException(
          "idle flush bytes and delay must be >= 0: " + idleBytes + ", " + idleDelay);
    }
  }

  /** Without the idle trigger (only size and age). */
  public FlushPolicy(long maxBytes, Duration maxAge) {
    this(maxBytes, maxAge, Long.MAX_VALUE, Duration.ZERO);
  }

  public static FlushPolicy of(StorageConfig config) {
    return new FlushPolicy(
        config.flushMaxBytes(),
        config.flushMaxAge(),
        config.idleFlushBytes(),
        config.idleFlushDelay());
  }

  /**
   * This policy with its size trigger lowered to a topic's segment.bytes when that is smaller: a
   * flush writes one segment, so no segment outgrows the topic's limit by more than one request.
   * Returns this instance when nothing changes (no allocation on the produce path).
   */
  public FlushPolicy cappedAt(long segmentBytes) {
    if (segmentBytes <= 0 || segmentBytes >= maxBytes) {
      return this;
    }
    return new FlushPolicy(segmentBytes, maxAge, idleBytes, idleDelay);
  }

  /**
   * Whether {@code stagedBytes} staged since {@code oldestStagedMs} must be flushed at {@code
   * nowMs}, the previous flush having finished at {@code lastFlushEndMs} with a window of {@code
   * windowBytes} (0 when unknown: no flush yet, or the last one failed).
   */
  public boolean shouldFlush(
      long stagedBytes, long oldestStagedMs, long lastFlushEndMs, long windowBytes, long nowMs) {
    return stagedBytes > 0
        && (stagedBytes >= maxBytes
            || windowReturned(stagedBytes, windowBytes)
            || nowMs >= dueAt(stagedBytes, oldestStagedMs, lastFlushEndMs));
  }

  private boolean windowReturned(long stagedBytes, long windowBytes) {
    return windowBytes > 0 && stagedBytes >= windowBytes && stagedBytes >= idleBytes;
  }

  /** The earliest time at which the staged batches are due (size trigger aside). */
  public long dueAt(long stagedBytes, long oldestStagedMs, long lastFlushEndMs) {
    long age = deadline(oldestStagedMs);
    if (stagedBytes < idleBytes) {
      return age;
    }
    long idle = lastFlushEndMs + idleDelay.toMillis();
    return Math.min(age, Math.max(idle, oldestStagedMs));
  }

  /** The time at which a batch staged at {@code oldestStagedMs} must be flushed. */
  public long deadline(long oldestStagedMs) {
    return oldestStagedMs + maxAge.toMillis();
  }
}
