/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.gc;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of object garbage collection ({@code KAFSCALE_ORPHAN_GC_INTERVAL_MS}, {@code
 * KAFSCALE_ORPHAN_GRACE_MS}).
 *
 * @param interval time between two passes on the controller
 * @param grace how long an object must stay unreferenced (seen so in passes at least this far
 *     apart) before it is deleted; far above any flush/commit timeout and compaction run, so an
 *     object uploaded but not yet committed is never taken
 */
public record OrphanGcConfig(Duration interval, Duration grace) {
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);
  public static final Duration DEFAULT_GRACE = Duration.ofHours(1);

  /**
   * Smallest grace an operator may configure ({@code KAFSCALE_ORPHAN_GRACE_MS}); tests may build
   * configs with less.
   */
  public static final Duration MIN_GRACE = Duration.ofMinutes(10);

  /**
   * Fixed cap on one compaction run (first upload to swap). Fixed rather than derived from this
   * broker's grace so that brokers with different grace settings (a rollout) agree, and below half
   * of {@link #MIN_GRACE} so that outputs of a run are swapped in or abandoned long before any
   * allowed grace could expire.
   */
  public static final Duration MAX_COMPACTION_DURATION = Duration.ofMinutes(4);

  public OrphanGcConfig {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(grace, "grace");
    if (interval.isNegative() || interval.isZero() || grace.isNegative()) {
      throw new IllegalArgumentException("interval must be > 0 and grace >= 0");
    }
  }

  public static OrphanGcConfig defaults() {
    return new OrphanGcConfig(DEFAULT_INTERVAL, DEFAULT_GRACE);
  }
}
