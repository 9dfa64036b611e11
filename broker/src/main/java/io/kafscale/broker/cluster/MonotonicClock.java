/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.cluster;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that never jumps: wall time at creation plus {@link System#nanoTime()} elapsed since.
 * Lease validity is measured with it, so a wall-clock step (NTP) cannot make a broker believe its
 * lease is alive longer than it is. Thread-safe.
 */
public final class MonotonicClock extends Clock {
  private final long originMillis = System.currentTimeMillis();
  private final long originNanos = System.nanoTime();

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a monotonic clock has no zone");
  }

  @Override
  public long millis() {
    return originMillis + (System.nanoTime() - originNanos) / 1_000_000L;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }
}
