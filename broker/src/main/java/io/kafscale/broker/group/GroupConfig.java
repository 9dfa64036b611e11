/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the group coordinator.
 *
 * @param settings the classic protocol's limits and delays
 * @param coordinatorPartitions partitions of {@value CoordinatorPartitions#TOPIC} (fixed once the
 *     topic exists: the topic's own count is used after that)
 * @param offsetsRetention how long offsets of an Empty group live (offsets.retention.minutes)
 * @param retentionCheckInterval how often expired offsets are swept
 * @param ownershipCheckInterval how often groups of partitions no longer owned are unloaded
 */
public record GroupConfig(
    GroupSettings settings,
    int coordinatorPartitions,
    Duration offsetsRetention,
    Duration retentionCheckInterval,
    Duration ownershipCheckInterval) {
  public GroupConfig {
    Objects.requireNonNull(settings, "settings");
    if (coordinatorPartitions < 1) {
      throw new IllegalArgumentException("coordinatorPartitions must be positive");
    }
  }

  /** Apache Kafka's defaults: 50 partitions, 7 days retention checked every 10 minutes. */
  public static GroupConfig defaults() {
    return new GroupConfig(
        GroupSettings.defaults(),
        50,
        Duration.ofMinutes(10_080),
        Duration.ofMinutes(10),
        Duration.ofSeconds(1));
  }

  public GroupConfig withSettings(GroupSettings other) {
    return new GroupConfig(
        other,
        coordinatorPartitions,
        offsetsRetention,
        retentionCheckInterval,
        ownershipCheckInterval);
  }
}
