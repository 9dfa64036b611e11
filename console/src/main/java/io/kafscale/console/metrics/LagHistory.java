/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The total lag of each consumer group over the last 15 minutes, one point per refresh ({@code
 * null} when the group's lag was unknown at that refresh). Groups not seen for a whole window are
 * dropped. At most {@code maxGroups} groups are tracked. Thread-safe.
 */
public final class LagHistory {
  private final long windowMs;
  private final int maxGroups;
  private final Map<String, History<Long>> byGroup = new ConcurrentHashMap<>();

  public LagHistory(long windowMs, int maxGroups) {
    this.windowMs = windowMs;
    this.maxGroups = maxGroups;
  }

  /** Records the lag of every listed group at {@code atMs} (null values are gaps). */
  public void record(long atMs, Map<String, Long> lags) {
    lags.forEach(
        (group, lag) -> {
          if (byGroup.containsKey(group) || byGroup.size() < maxGroups) {
            byGroup.computeIfAbsent(group, g -> new History<>(windowMs)).add(atMs, lag);
          }
        });
    byGroup
        .entrySet()
        .removeIf(
            e -> {
              History.Point<Long> last = e.getValue().latest();
              return last == null || last.atMs() <= atMs - windowMs;
            });
  }

  public List<History.Point<Long>> of(String group) {
    History<Long> h = byGroup.get(group);
    return h == null ? List.of() : h.points();
  }
}
