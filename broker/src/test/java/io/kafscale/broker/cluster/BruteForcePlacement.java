/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.cluster;

import io.kafscale.metadata.model.AssignmentRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Test oracle: tries every assignment of a small cluster and returns the fewest moves among those
 * that meet the balance goals. Exponential, so only for a handful of partitions and brokers.
 */
final class BruteForcePlacement {
  private BruteForcePlacement() {}

  static int fewestMoves(
      Map<String, AssignmentRecord> current,
      Map<String, Integer> counts,
      SortedSet<Integer> eligible) {
    List<String> topics = new ArrayList<>(new TreeMap<>(counts).keySet());
    List<int[]> slots = new ArrayList<>(); // {topic index, partition}
    for (int t = 0; t < topics.size(); t++) {
      for (int p = 0; p < counts.get(topics.get(t)); p++) {
        slots.add(new int[] {t, p});
      }
    }
    Integer[] brokers = eligible.toArray(Integer[]::new);
    int[] choice = new int[slots.size()];
    int best = Integer.MAX_VALUE;
    while (true) {
      if (balanced(choice, slots, topics.size(), brokers.length)) {
        int moves = 0;
        for (int i = 0; i < slots.size(); i++) {
          AssignmentRecord old = current.get(topics.get(slots.get(i)[0]));
          int was = old == null ? AssignmentRecord.UNASSIGNED : old.target(slots.get(i)[1]);
          moves += was == brokers[choice[i]] ? 0 : 1;
        }
        best = Math.min(best, moves);
      }
      int i = 0;
      while (i < choice.length && ++choice[i] == brokers.length) {
        choice[i++] = 0;
      }
      if (i == choice.length) {
        return best;
      }
    }
  }

  private static boolean balanced(int[] choice, List<int[]> slots, int topics, int brokers) {
    int[][] perTopic = new int[topics][brokers];
    int[] total = new int[brokers];
    for (int i = 0; i < choice.length; i++) {
      perTopic[slots.get(i)[0]][choice[i]]++;
      total[choice[i]]++;
    }
    for (int[] row : perTopic) {
      if (spread(row) > 1) {
        return false;
      }
    }
    return spread(total) <= 1;
  }

  private static int spread(int[] values) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return max - min;
  }
}
