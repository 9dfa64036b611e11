/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store.embedded;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of an {@link EmbeddedMetadataStore}.
 *
 * @param clock drives lease deadlines
 * @param snapshotThresholdBytes the write-ahead log is folded into a snapshot and emptied once it
 *     grows past this size
 * @param leaseCheckInterval how often expired leases are looked for (their keys vanish at most this
 *     long after the deadline)
 * @param fsync whether a commit fdatasyncs the write-ahead log before it completes (default true);
 *     false leaves committed records in the OS page cache, which survives a crash of the process
 *     but not of the machine
 */
public record EmbeddedStoreOptions(
    Clock clock, long snapshotThresholdBytes, Duration leaseCheckInterval, boolean fsync) {
  public static final long DEFAULT_SNAPSHOT_THRESHOLD_BYTES = 64L * 1024 * 1024;
  public static final Duration DEFAULT_LEASE_CHECK_INTERVAL = Duration.ofMillis(250);

  public EmbeddedStoreOptions {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(leaseCheckInterval, "leaseCheckInterval");
    if (snapshotThresholdBytes <= 0) {
      throw new IllegalArgumentException("snapshotThresholdBytes must be positive");
    }
    if (leaseCheckInterval.isNegative() || leaseCheckInterval.isZero()) {
      throw new IllegalArgumentException("leaseCheckInterval must be positive");
    }
  }

  /** As the canonical constructor, with fsync on. */
  public EmbeddedStoreOptions(
      Clock clock, long snapshotThresholdBytes, Duration leaseCheckInterval) {
    this(clock, snapshotThresholdBytes, leaseCheckInterval, true);
  }

  /** System UTC clock, 64 MiB log threshold, 250 ms lease checks, fsync on. */
  public static EmbeddedStoreOptions defaults() {
    return new EmbeddedStoreOptions(
        Clock.systemUTC(), DEFAULT_SNAPSHOT_THRESHOLD_BYTES, DEFAULT_LEASE_CHECK_INTERVAL, true);
  }

  public EmbeddedStoreOptions withClock(Clock newClock) {
    return new EmbeddedStoreOptions(newClock, snapshotThresholdBytes, leaseCheckInterval, fsync);
  }

  public EmbeddedStoreOptions withSnapshotThresholdBytes(long bytes) {
    return new EmbeddedStoreOptions(clock, bytes, leaseCheckInterval, fsync);
  }

  public EmbeddedStoreOptions withLeaseCheckInterval(Duration interval) {
    return new EmbeddedStoreOptions(clock, snapshotThresholdBytes, interval, fsync);
  }

  /** A copy with the write-ahead log fdatasync on commit switched on or off. */
  public EmbeddedStoreOptions withFsync(boolean enabled) {
    return new EmbeddedStoreOptions(clock, snapshotThresholdBytes, leaseCheckInterval, enabled);
  }
}
