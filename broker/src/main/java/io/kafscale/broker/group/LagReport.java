/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import java.util.List;
import java.util.Optional;

/**
 * The lag of the groups coordinated by this broker as computed at {@code computedAtMs} (-1 before
 * the first computation). Immutable.
 */
public record LagReport(long computedAtMs, List<GroupLag> groups) {
  public LagReport {
    groups = List.copyOf(groups);
  }

  /** No computation yet. */
  public static LagReport none() {
    return new LagReport(-1, List.of());
  }

  public Optional<GroupLag> group(String groupId) {
    return groups.stream().filter(g -> g.groupId().equals(groupId)).findFirst();
  }
}
