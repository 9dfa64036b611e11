/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.cluster;

import io.kafscale.metadata.model.AssignmentRecord;
import java.util.Map;
import java.util.SortedSet;

/**
 * Decides which broker should own each partition (pure, deterministic: same inputs, same output).
 * Goals, in order: every partition assigned to an eligible broker; each topic's partitions spread
 * over the eligible brokers as evenly as possible (counts differ by at most one); every broker's
 * total as even as possible (differ by at most one); and, subject to those, as few partitions as
 * possible moved away from their current target.
 */
public final class PartitionPlacement {
  private PartitionPlacement() {}

  /**
   * The new assignment of every topic in {@code partitionCounts}.
   *
   * @param current the current assignment per topic (missing topics, short lists and targets that
   *     are not eligible count as unassigned partitions)
   * @param partitionCounts topic name to its partition count
   * @param eligible the brokers that may own partitions (live and not draining); when empty, every
   *     partition is {@link AssignmentRecord#UNASSIGNED}
   * @return topic name to assignment, for exactly the topics of {@code partitionCounts}
   */
  public static Map<String, AssignmentRecord> plan(
      Map<String, AssignmentRecord> current,
      Map<String, Integer> partitionCounts,
      SortedSet<Integer> eligible) {
    throw new UnsupportedOperationException("contract: to be implemented");
  }
}
