/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the consumer-lag reporter.
 *
 * @param interval how often the lag of the groups coordinated here is recomputed
 * @param perPartition whether the per-partition series (group, topic, partition) are exported; off
 *     by default because their number grows with groups times partitions
 * @param maxGroups how many groups get their own series; the rest are summed into {@value
 *     LagSeries#OTHER}
 */
public record LagConfig(Duration interval, boolean perPartition, int maxGroups) {
  public LagConfig {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    if (maxGroups < 0) {
      throw new IllegalArgumentException("maxGroups must not be negative");
    }
  }

  /** Every 30 s, group totals only, at most 1000 groups. */
  public static LagConfig defaults() {
    return new LagConfig(Duration.ofSeconds(30), false, 1000);
  }
}
