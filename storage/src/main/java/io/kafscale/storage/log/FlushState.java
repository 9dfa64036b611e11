/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

/**
 * A snapshot of one log's write buffer for operators (the broker's admin API): bytes and record
 * batches staged but not yet part of a flush, when the oldest of them was staged ({@code -1} when
 * nothing is staged), whether a flush is in flight (its batches are no longer counted as pending),
 * and when the last flush of this log committed ({@code -1} before the first). Times are the log's
 * clock in epoch milliseconds. Immutable.
 */
public record FlushState(
    long pendingBytes,
    int pendingBatches,
    long oldestPendingAtMs,
    boolean flushing,
    long lastFlushAtMs) {

  /** A log that has staged and flushed nothing. */
  public static final FlushState IDLE = new FlushState(0, 0, -1, false, -1);

  /** How long the oldest pending batch has waited at {@code nowMs}; -1 when nothing is pending. */
  public long oldestPendingAgeMs(long nowMs) {
    return oldestPendingAtMs < 0 ? -1 : Math.max(0, nowMs - oldestPendingAtMs);
  }
}
