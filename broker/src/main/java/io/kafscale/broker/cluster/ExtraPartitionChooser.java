/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.cluster;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Chooses which brokers take the "+1" partition of each topic (a topic of P partitions over B
 * brokers gives every broker P / B, and P % B of them one more). Pure and deterministic.
 *
 * <p>The choice is a min-cost flow: source → topic (capacity P % B) → broker (capacity 1) → sink,
 * where each broker's edge to the sink carries {@code floor(R / B)} and at most {@code R % B}
 * brokers may take one more through a shared overflow node (R = all extras). Every feasible flow
 * therefore keeps per-topic counts within one and global totals within one. A unit of flow on a
 * cell where the broker already holds more than the floor keeps one partition in place (cost {@code
 * -W}); on any other cell it makes that broker receive a partition (cost = the broker's rank by
 * current load, lightest first). {@code W} exceeds every possible sum of ranks, so the flow first
 * maximises the partitions kept (which, for fixed quotas, is exactly minimising moves) and only
 * then sends the unavoidable arrivals to the least-loaded brokers (a joining broker, in practice).
 */
final class ExtraPartitionChooser {
  private ExtraPartitionChooser() {}

  /**
   * @param floors per topic, {@code P / B}
   * @param extraCounts per topic, {@code P % B}
   * @param held per topic and broker index, partitions the broker currently holds and may keep
   * @param brokerCount B
   * @return per topic and broker index, whether that broker's quota is {@code floor + 1}
   */
  static boolean[][] choose(int[] floors, int[] extraCounts, int[][] held, int brokerCount) {
    int topics = floors.length;
    boolean[][] chosen = new boolean[topics][brokerCount];
    long totalExtras = IntStream.of(extraCounts).asLongStream().sum();
    if (totalExtras == 0) {
      return chosen;
    }
    int[] rank = rankByLoad(held, brokerCount);
    long keepCost = -(totalExtras * brokerCount + 1);
    int source = 0;
    int overflow = topics + brokerCount + 1;
    int sink = overflow + 1;
    MinCostFlow flow = new MinCostFlow(sink + 1);
    int[][] cellEdge = new int[topics][brokerCount];
    for (int t = 0; t < topics; t++) {
      if (extraCounts[t] == 0) {
        continue;
      }
      flow.addEdge(source, 1 + t, extraCounts[t], 0);
      for (int b = 0; b < brokerCount; b++) {
        long cost = held[t][b] > floors[t] ? keepCost : rank[b];
        cellEdge[t][b] = flow.addEdge(1 + t, 1 + topics + b, 1, cost);
      }
    }
    int perBroker = (int) (totalExtras / brokerCount);
    int overflowing = (int) (totalExtras % brokerCount);
    for (int b = 0; b < brokerCount; b++) {
      flow.addEdge(1 + topics + b, sink, perBroker, 0);
      flow.addEdge(1 + topics + b, overflow, 1, 0);
    }
    flow.addEdge(overflow, sink, overflowing, 0);
    int pushed = flow.solve(source, sink);
    if (pushed != totalExtras) {
      // Unreachable: greedily giving each topic's extras to the brokers with the fewest extras so
      // far is always a feasible flow of this size.
      throw new IllegalStateException("no balanced quota for " + totalExtras + " extra partitions");
    }
    for (int t = 0; t < topics; t++) {
      for (int b = 0; b < brokerCount && extraCounts[t] > 0; b++) {
        chosen[t][b] = flow.flow(cellEdge[t][b]) == 1;
      }
    }
    return chosen;
  }

  /** Rank 0 is the broker holding the fewest partitions overall; ties by broker index. */
  private static int[] rankByLoad(int[][] held, int brokerCount) {
    long[] load = new long[brokerCount];
    for (int[] topic : held) {
      for (int b = 0; b < brokerCount; b++) {
        load[b] += topic[b];
      }
    }
    Integer[] order = IntStream.range(0, brokerCount).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.<Integer>comparingLong(b -> load[b]).thenComparingInt(b -> b));
    int[] rank = new int[brokerCount];
    for (int i = 0; i < brokerCount; i++) {
      rank[order[i]] = i;
    }
    return rank;
  }
}
