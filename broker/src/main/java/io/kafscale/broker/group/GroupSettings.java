/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

/**
 * Broker-wide limits of the classic group protocol (Kafka's {@code group.*} settings).
 *
 * @param minSessionTimeoutMs group.min.session.timeout.ms
 * @param maxSessionTimeoutMs group.max.session.timeout.ms
 * @param initialRebalanceDelayMs group.initial.rebalance.delay.ms: how long a new (Empty) group
 *     waits for more members before its first generation, extended while members keep arriving
 * @param maxSize group.max.size
 * @param newMemberJoinTimeoutMs how long a brand-new member may wait in JoinGroup before it is
 *     dropped (it has no member id to heartbeat with); Kafka fixes it at five minutes
 */
public record GroupSettings(
    int minSessionTimeoutMs,
    int maxSessionTimeoutMs,
    int initialRebalanceDelayMs,
    int maxSize,
    int newMemberJoinTimeoutMs) {

  public GroupSettings {
    if (minSessionTimeoutMs < 0 || maxSessionTimeoutMs < minSessionTimeoutMs) {
      throw new IllegalArgumentException("session timeout bounds");
    }
    if (initialRebalanceDelayMs < 0 || maxSize < 1 || newMemberJoinTimeoutMs < 0) {
      throw new IllegalArgumentException("group settings must be positive");
    }
  }

  /** Apache Kafka's defaults. */
  public static GroupSettings defaults() {
    return new GroupSettings(6_000, 1_800_000, 3_000, Integer.MAX_VALUE, 300_000);
  }

  public GroupSettings withInitialRebalanceDelayMs(int delayMs) {
    return new GroupSettings(
        minSessionTimeoutMs, maxSessionTimeoutMs, delayMs, maxSize, newMemberJoinTimeoutMs);
  }

  public GroupSettings withMaxSize(int size) {
    return new GroupSettings(
        minSessionTimeoutMs,
        maxSessionTimeoutMs,
        initialRebalanceDelayMs,
        size,
        newMemberJoinTimeoutMs);
  }
}
