/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.model.AssignmentRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random topics, partition counts, stale current assignments and eligible sets: the plan meets the
 * placement goals, is a fixed point, ignores map order, and moves exactly the minimum any balanced
 * assignment needs (checked by brute force on small clusters), also when a broker leaves or joins.
 */
class PartitionPlacementProperties {

  record Scenario(
      Map<String, AssignmentRecord> current,
      Map<String, Integer> counts,
      SortedSet<Integer> eligible) {}

  private static final List<String> TOPICS = List.of("a", "b", "c", "d", "e", "f");

  @Provide
  Arbitrary<Scenario> scenarios() {
    return scenarios(12, 6, 5);
  }

  @Provide
  Arbitrary<Scenario> clusters() {
    return scenarios(12, 6, 5).filter(s -> !s.eligible().isEmpty());
  }

  @Provide
  Arbitrary<Scenario> smallClusters() {
    return scenarios(3, 3, 3)
        .filter(s -> !s.eligible().isEmpty())
        .filter(s -> s.counts().values().stream().mapToInt(Integer::intValue).sum() <= 7);
  }

  private static Arbitrary<Scenario> scenarios(int maxCount, int maxBrokerId, int maxBrokers) {
    Arbitrary<AssignmentRecord> record =
        Arbitraries.integers()
            .between(-1, maxBrokerId + 2)
            .list()
            .ofMaxSize(maxCount + 2)
            .map(AssignmentRecord::new);
    Arbitrary<Map<String, AssignmentRecord>> current =
        Arbitraries.maps(Arbitraries.of(TOPICS), record).ofMaxSize(TOPICS.size());
    Arbitrary<Map<String, Integer>> counts =
        Arbitraries.maps(Arbitraries.of(TOPICS), Arbitraries.integers().between(0, maxCount))
            .ofMaxSize(maxBrokers);
    Arbitrary<SortedSet<Integer>> eligible =
        Arbitraries.integers()
            .between(0, maxBrokerId)
            .set()
            .ofMaxSize(maxBrokers)
            .map(TreeSet::new);
    return Combinators.combine(current, counts, eligible).as(Scenario::new);
  }

  @Property(tries = 500)
  void shouldPlaceEveryPartitionOnAnEligibleBrokerInBalance(@ForAll("scenarios") Scenario s) {
    // When
    Map<String, AssignmentRecord> plan = plan(s);

    // Then
    assertThat(plan).containsOnlyKeys(s.counts().keySet());
    s.counts().forEach((t, n) -> assertThat(plan.get(t).partitionCount()).isEqualTo(n));
    assertBalanced(plan, s.eligible());
  }

  @Property(tries = 500)
  void shouldChangeNothingWhenPlanningFromItsOwnOutput(@ForAll("scenarios") Scenario s) {
    // Given
    Map<String, AssignmentRecord> first = plan(s);

    // When
    Map<String, AssignmentRecord> second = PartitionPlacement.plan(first, s.counts(), s.eligible());

    // Then
    assertThat(second).isEqualTo(first);
  }

  @Property(tries = 300)
  void shouldIgnoreTheIterationOrderOfTheInputMaps(
      @ForAll("scenarios") Scenario s, @ForAll long seed) {
    // Given the same maps with shuffled iteration order
    Map<String, AssignmentRecord> current = shuffled(s.current(), seed);
    Map<String, Integer> counts = shuffled(s.counts(), seed + 1);

    // When
    Map<String, AssignmentRecord> plan = PartitionPlacement.plan(current, counts, s.eligible());

    // Then
    assertThat(plan).isEqualTo(plan(s));
  }

  @Property(tries = 300)
  void shouldMoveExactlyAsFewPartitionsAsTheBestBalancedAssignment(
      @ForAll("smallClusters") Scenario s) {
    // When
    int moved = moved(s.current(), plan(s));

    // Then
    assertThat(moved)
        .isEqualTo(BruteForcePlacement.fewestMoves(s.current(), s.counts(), s.eligible()));
  }

  // The bounds proved for a broker leaving or joining: the replan moves exactly the minimum any
  // balanced assignment needs (so partitions not on a leaving broker move only when balance
  // forces it), and a leaving broker's partitions all move. Zero is not a bound: see the
  // corner cases in PartitionPlacementTest.

  @Property(tries = 200)
  void shouldMoveOnlyWhatBalanceRequiresWhenABrokerLeaves(
      @ForAll("smallClusters") Scenario s, @ForAll int pick) {
    // Given a balanced plan and one of its brokers leaving
    Assume.that(s.eligible().size() > 1);
    Map<String, AssignmentRecord> before = plan(s);
    int leaving = pick(s.eligible(), pick);
    SortedSet<Integer> remaining = without(s.eligible(), leaving);

    // When
    Map<String, AssignmentRecord> after = PartitionPlacement.plan(before, s.counts(), remaining);

    // Then
    assertThat(totals(after)).doesNotContainKey(leaving);
    assertThat(moved(before, after))
        .isEqualTo(BruteForcePlacement.fewestMoves(before, s.counts(), remaining));
  }

  @Property(tries = 200)
  void shouldMoveOnlyWhatBalanceRequiresWhenABrokerJoins(
      @ForAll("smallClusters") Scenario s, @ForAll int pick) {
    // Given a balanced plan and a broker joining
    Map<String, AssignmentRecord> before = plan(s);
    SortedSet<Integer> grown = with(s.eligible(), absentId(s.eligible(), pick));

    // When
    Map<String, AssignmentRecord> after = PartitionPlacement.plan(before, s.counts(), grown);

    // Then
    assertThat(moved(before, after))
        .isEqualTo(BruteForcePlacement.fewestMoves(before, s.counts(), grown));
  }

  // Observed on 200,000 random clusters of up to 8 brokers but not proved: when a broker leaves,
  // the other partitions that move are at most as many as the leaver's; when one joins, the
  // partitions moving between old brokers are at most as many as those moving to the new one.

  @Property(tries = 300)
  void shouldMoveAtMostAsManyOtherPartitionsAsTheLeaverHeld(
      @ForAll("clusters") Scenario s, @ForAll int pick) {
    // Given
    Map<String, AssignmentRecord> before = plan(s);
    int leaving = pick(s.eligible(), pick);
    SortedSet<Integer> remaining = without(s.eligible(), leaving);

    // When
    Map<String, AssignmentRecord> after = PartitionPlacement.plan(before, s.counts(), remaining);

    // Then
    assertBalanced(after, remaining);
    int[] others = {0};
    forEachMove(before, after, (from, to) -> others[0] += from == leaving ? 0 : 1);
    assertThat(others[0]).isLessThanOrEqualTo(totals(before).getOrDefault(leaving, 0));
  }

  @Property(tries = 300)
  void shouldMoveMostPartitionsOntoAJoiningBroker(
      @ForAll("clusters") Scenario s, @ForAll int pick) {
    // Given
    Map<String, AssignmentRecord> before = plan(s);
    int joining = absentId(s.eligible(), pick);
    SortedSet<Integer> grown = with(s.eligible(), joining);

    // When
    Map<String, AssignmentRecord> after = PartitionPlacement.plan(before, s.counts(), grown);

    // Then
    assertBalanced(after, grown);
    int[] toJoining = {0};
    int[] toOthers = {0};
    forEachMove(before, after, (from, to) -> (to == joining ? toJoining : toOthers)[0]++);
    assertThat(toOthers[0]).isLessThanOrEqualTo(toJoining[0]);
  }

  private static int pick(SortedSet<Integer> brokers, int pick) {
    return new ArrayList<>(brokers).get(Math.floorMod(pick, brokers.size()));
  }

  private static int absentId(SortedSet<Integer> brokers, int pick) {
    List<Integer> absent = new ArrayList<>();
    for (int id = 0; id <= brokers.last() + 1; id++) {
      if (!brokers.contains(id)) {
        absent.add(id);
      }
    }
    return absent.get(Math.floorMod(pick, absent.size()));
  }

  private static SortedSet<Integer> without(SortedSet<Integer> brokers, int id) {
    SortedSet<Integer> copy = new TreeSet<>(brokers);
    copy.remove(id);
    return copy;
  }

  private static SortedSet<Integer> with(SortedSet<Integer> brokers, int id) {
    SortedSet<Integer> copy = new TreeSet<>(brokers);
    copy.add(id);
    return copy;
  }

  private static Map<String, AssignmentRecord> plan(Scenario s) {
    return PartitionPlacement.plan(s.current(), s.counts(), s.eligible());
  }

  private static void assertBalanced(
      Map<String, AssignmentRecord> plan, SortedSet<Integer> eligible) {
    for (AssignmentRecord record : plan.values()) {
      if (eligible.isEmpty()) {
        assertThat(record.brokerIds()).allMatch(b -> b == AssignmentRecord.UNASSIGNED);
        continue;
      }
      assertThat(record.brokerIds()).allMatch(eligible::contains);
      assertSpreadAtMostOne(counts(List.of(record), eligible));
    }
    if (!eligible.isEmpty()) {
      assertSpreadAtMostOne(counts(plan.values(), eligible));
    }
  }

  private static Map<Integer, Integer> counts(
      Collection<AssignmentRecord> records, SortedSet<Integer> eligible) {
    Map<Integer, Integer> counts = new TreeMap<>();
    eligible.forEach(b -> counts.put(b, 0));
    records.forEach(r -> r.brokerIds().forEach(b -> counts.merge(b, 1, Integer::sum)));
    return counts;
  }

  private static Map<Integer, Integer> totals(Map<String, AssignmentRecord> plan) {
    return counts(plan.values(), new TreeSet<>());
  }

  private static void assertSpreadAtMostOne(Map<Integer, Integer> counts) {
    IntSummaryStatistics stats =
        counts.values().stream().mapToInt(Integer::intValue).summaryStatistics();
    assertThat(stats.getMax() - stats.getMin()).as("spread of %s", counts).isLessThanOrEqualTo(1);
  }

  static int moved(Map<String, AssignmentRecord> before, Map<String, AssignmentRecord> after) {
    int[] moved = {0};
    forEachMove(before, after, (from, to) -> moved[0]++);
    return moved[0];
  }

  private interface MoveConsumer {
    void accept(int from, int to);
  }

  private static void forEachMove(
      Map<String, AssignmentRecord> before, Map<String, AssignmentRecord> after, MoveConsumer c) {
    after.forEach(
        (topic, record) -> {
          AssignmentRecord old = before.getOrDefault(topic, new AssignmentRecord(List.of()));
          for (int p = 0; p < record.partitionCount(); p++) {
            if (old.target(p) != record.target(p)) {
              c.accept(old.target(p), record.target(p));
            }
          }
        });
  }

  private static <V> Map<String, V> shuffled(Map<String, V> map, long seed) {
    List<String> keys = new ArrayList<>(map.keySet());
    Collections.shuffle(keys, new Random(seed));
    Map<String, V> copy = new LinkedHashMap<>();
    keys.forEach(k -> copy.put(k, map.get(k)));
    return copy;
  }
}
