/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.cluster;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A small min-cost max-flow solver. Edges may have negative costs as long as the graph starts
 * without negative cycles. Deterministic: the same edges added in the same order give the same
 * flow. Not thread-safe; one instance per computation.
 */
final class MinCostFlow {
  private static final long INFINITE = Long.MAX_VALUE;
  private final int nodeCount;
  private int[] from = new int[16];
  private int[] to = new int[16];
  private int[] capacity = new int[16];
  private long[] cost = new long[16];
  private int edgeCount;

  MinCostFlow(int nodeCount) {
    this.nodeCount = nodeCount;
  }

  /** Adds an edge and its residual twin; returns the edge's id for {@link #flow(int)}. */
  int addEdge(int u, int v, int cap, long edgeCost) {
    if (edgeCount + 2 > from.length) {
      int grown = from.length * 2;
      from = Arrays.copyOf(from, grown);
      to = Arrays.copyOf(to, grown);
      capacity = Arrays.copyOf(capacity, grown);
      cost = Arrays.copyOf(cost, grown);
    }
    int id = edgeCount;
    put(u, v, cap, edgeCost);
    put(v, u, 0, -edgeCost);
    return id;
  }

  private void put(int u, int v, int cap, long edgeCost) {
    from[edgeCount] = u;
    to[edgeCount] = v;
    capacity[edgeCount] = cap;
    cost[edgeCount] = edgeCost;
    edgeCount++;
  }

  /** The flow currently on the edge {@code id}. */
  int flow(int id) {
    return capacity[id ^ 1];
  }

  /**
   * Pushes as much flow as possible from source to sink at minimum cost; returns the amount.
   *
   * <p>Primal-dual: node potentials keep reduced costs non-negative, so each round finds shortest
   * distances with Dijkstra and then saturates every shortest path at once with a blocking flow
   * (Dinic) over the zero-reduced-cost edges. Rounds are few because path costs take few values.
   */
  int solve(int source, int sink) {
    int[][] adjacency = adjacency();
    long[] potential = initialPotentials(source, adjacency);
    int total = 0;
    while (true) {
      long[] distance = reducedDistances(source, adjacency, potential);
      if (distance[sink] == INFINITE) {
        return total;
      }
      // Nodes not reached this round get the largest distance, which keeps every residual
      // reduced cost non-negative (nodes never reachable keep an infinite potential).
      long farthest = Arrays.stream(distance).filter(d -> d != INFINITE).max().orElse(0);
      for (int v = 0; v < nodeCount; v++) {
        if (potential[v] != INFINITE) {
          potential[v] += distance[v] != INFINITE ? distance[v] : farthest;
        }
      }
      total += blockingFlow(source, sink, adjacency, potential);
    }
  }

  private int[][] adjacency() {
    int[] degree = new int[nodeCount];
    for (int e = 0; e < edgeCount; e++) {
      degree[from[e]]++;
    }
    int[][] adjacency = new int[nodeCount][];
    for (int v = 0; v < nodeCount; v++) {
      adjacency[v] = new int[degree[v]];
      degree[v] = 0;
    }
    for (int e = 0; e < edgeCount; e++) {
      adjacency[from[e]][degree[from[e]]++] = e;
    }
    return adjacency;
  }

  /** Bellman-Ford (queue-based) distances over the initial graph, which may have negative costs. */
  private long[] initialPotentials(int source, int[][] adjacency) {
    long[] distance = new long[nodeCount];
    Arrays.fill(distance, INFINITE);
    boolean[] queued = new boolean[nodeCount];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    distance[source] = 0;
    queue.add(source);
    while (!queue.isEmpty()) {
      int u = queue.poll();
      queued[u] = false;
      for (int e : adjacency[u]) {
        int v = to[e];
        if (capacity[e] > 0 && distance[u] + cost[e] < distance[v]) {
          distance[v] = distance[u] + cost[e];
          if (!queued[v]) {
            queued[v] = true;
            queue.add(v);
          }
        }
      }
    }
    // Nodes unreachable now stay unreachable: residual capacity only appears on reverse edges of
    // paths that were used, and those start at reachable nodes.
    return distance;
  }

  private long reduced(int e, long[] potential) {
    return cost[e] + potential[from[e]] - potential[to[e]];
  }

  private long[] reducedDistances(int source, int[][] adjacency, long[] potential) {
    long[] distance = new long[nodeCount];
    Arrays.fill(distance, INFINITE);
    distance[source] = 0;
    PriorityQueue<long[]> heap = new PriorityQueue<>(Comparator.comparingLong(entry -> entry[0]));
    heap.add(new long[] {0, source});
    while (!heap.isEmpty()) {
      long[] top = heap.poll();
      int u = (int) top[1];
      if (top[0] > distance[u]) {
        continue;
      }
      for (int e : adjacency[u]) {
        int v = to[e];
        if (capacity[e] > 0 && potential[v] != INFINITE) {
          long candidate = distance[u] + reduced(e, potential);
          if (candidate < distance[v]) {
            distance[v] = candidate;
            heap.add(new long[] {candidate, v});
          }
        }
      }
    }
    return distance;
  }

  /** Dinic over the edges of reduced cost zero: every such source-sink path is a shortest one. */
  private int blockingFlow(int source, int sink, int[][] adjacency, long[] potential) {
    int total = 0;
    while (true) {
      int[] level = new int[nodeCount];
      Arrays.fill(level, -1);
      level[source] = 0;
      ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(source));
      while (!queue.isEmpty()) {
        int u = queue.poll();
        for (int e : adjacency[u]) {
          int v = to[e];
          if (capacity[e] > 0 && level[v] < 0 && isTight(e, potential)) {
            level[v] = level[u] + 1;
            queue.add(v);
          }
        }
      }
      if (level[sink] < 0) {
        return total;
      }
      int[] nextEdge = new int[nodeCount];
      int pushed;
      while ((pushed = push(source, sink, Integer.MAX_VALUE, adjacency, potential, level, nextEdge))
          > 0) {
        total += pushed;
      }
    }
  }

  private boolean isTight(int e, long[] potential) {
    return potential[from[e]] != INFINITE
        && potential[to[e]] != INFINITE
        && reduced(e, potential) == 0;
  }

  // Recursion depth is bounded by the path length, which in the placement graph alternates
  // topics and brokers, so it is at most about twice the number of brokers.
  private int push(
      int u, int sink, int limit, int[][] adjacency, long[] potential, int[] level, int[] next) {
    if (u == sink) {
      return limit;
    }
    for (; next[u] < adjacency[u].length; next[u]++) {
      int e = adjacency[u][next[u]];
      int v = to[e];
      if (capacity[e] > 0 && level[v] == level[u] + 1 && isTight(e, potential)) {
        int pushed = push(v, sink, Math.min(limit, capacity[e]), adjacency, potential, level, next);
        if (pushed > 0) {
          capacity[e] -= pushed;
          capacity[e ^ 1] += pushed;
          return pushed;
        }
      }
    }
    return 0;
  }
}
