/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.cluster;

import io.kafscale.metadata.model.AssignmentRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Decides which broker should own each partition (pure, deterministic: same inputs, same output).
 * Goals, in order: every partition assigned to an eligible broker; each topic's partitions spread
 * over the eligible brokers as evenly as possible (counts differ by at most one); every broker's
 * total as even as possible (differ by at most one); and, subject to those, as few partitions as
 * possible moved away from their current target.
 *
 * <p>The first three goals never conflict (see {@link ExtraPartitionChooser}), and the fourth is
 * met exactly: no assignment satisfying the first three moves fewer partitions. Balance wins over
 * movement: when a broker leaves, partitions of other brokers may have to move too, and when one
 * joins, old brokers may have to trade partitions (both shown in PartitionPlacementTest). Among
 * equally small plans, partitions that must arrive somewhere go to the least-loaded brokers (a
 * joining broker first). Within a broker's quota the lowest-numbered partitions it already holds
 * stay; the rest are dealt round-robin in broker-id order.
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
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(partitionCounts, "partitionCounts");
    Objects.requireNonNull(eligible, "eligible");
    // Sorting topics by name makes the result independent of the input maps' iteration order.
    List<String> topics = new ArrayList<>(new TreeMap<>(partitionCounts).keySet());
    int[] brokers = eligible.stream().mapToInt(Integer::intValue).toArray();
    int[][] held = new int[topics.size()][];
    int[] floors = new int[topics.size()];
    int[] extraCounts = new int[topics.size()];
    int[][] targets = new int[topics.size()][];
    for (int t = 0; t < topics.size(); t++) {
      String topic = topics.get(t);
      int count = Objects.requireNonNull(partitionCounts.get(topic), topic);
      if (count < 0) {
        throw new IllegalArgumentException("negative partition count for " + topic);
      }
      targets[t] = currentBrokerIndexes(current.get(topic), count, brokers);
      held[t] = new int[brokers.length];
      for (int index : targets[t]) {
        if (index >= 0) {
          held[t][index]++;
        }
      }
      floors[t] = brokers.length == 0 ? 0 : count / brokers.length;
      extraCounts[t] = brokers.length == 0 ? 0 : count % brokers.length;
    }
    boolean[][] extra =
        brokers.length == 0
            ? new boolean[topics.size()][0]
            : ExtraPartitionChooser.choose(floors, extraCounts, held, brokers.length);
    Map<String, AssignmentRecord> plan = new TreeMap<>();
    for (int t = 0; t < topics.size(); t++) {
      plan.put(topics.get(t), assign(targets[t], floors[t], extra[t], brokers));
    }
    return Collections.unmodifiableMap(plan);
  }

  /** Per partition, the index in {@code brokers} of its current target, or -1 if unusable. */
  private static int[] currentBrokerIndexes(AssignmentRecord record, int count, int[] brokers) {
    int[] indexes = new int[count];
    for (int p = 0; p < count; p++) {
      int target = record == null ? AssignmentRecord.UNASSIGNED : record.target(p);
      indexes[p] = target == AssignmentRecord.UNASSIGNED ? -1 : indexOf(brokers, target);
    }
    return indexes;
  }

  private static int indexOf(int[] sorted, int brokerId) {
    int index = Arrays.binarySearch(sorted, brokerId);
    return index >= 0 ? index : -1;
  }

  /** Keeps each partition whose broker is under quota, then deals the rest round-robin. */
  private static AssignmentRecord assign(int[] targets, int floor, boolean[] extra, int[] brokers) {
    List<Integer> owners = new ArrayList<>(targets.length);
    if (brokers.length == 0) {
      owners.addAll(Collections.nCopies(targets.length, AssignmentRecord.UNASSIGNED));
      return new AssignmentRecord(owners);
    }
    int[] room = new int[brokers.length];
    for (int b = 0; b < brokers.length; b++) {
      room[b] = floor + (extra[b] ? 1 : 0);
    }
    int[] chosen = new int[targets.length];
    for (int p = 0; p < targets.length; p++) {
      int b = targets[p];
      chosen[p] = b >= 0 && room[b] > 0 ? b : -1;
      if (chosen[p] >= 0) {
        room[b]--;
      }
    }
    int next = 0;
    for (int p = 0; p < targets.length; p++) {
      if (chosen[p] < 0) {
        while (room[next] == 0) {
          next = (next + 1) % brokers.length;
        }
        chosen[p] = next;
        room[next]--;
        next = (next + 1) % brokers.length;
      }
      owners.add(brokers[chosen[p]]);
    }
    return new AssignmentRecord(owners);
  }
}
