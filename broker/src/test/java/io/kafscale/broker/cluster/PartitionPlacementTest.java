/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.metadata.model.AssignmentRecord;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PartitionPlacementTest {

  private static SortedSet<Integer> brokers(Integer... ids) {
    return new TreeSet<>(List.of(ids));
  }

  private static AssignmentRecord record(Integer... ids) {
    return new AssignmentRecord(List.of(ids));
  }

  private static Map<Integer, Long> countsPerBroker(AssignmentRecord record) {
    Map<Integer, Long> counts = new TreeMap<>();
    record.brokerIds().forEach(b -> counts.merge(b, 1L, Long::sum));
    return counts;
  }

  private static int moved(AssignmentRecord before, AssignmentRecord after) {
    return (int)
        IntStream.range(0, after.partitionCount())
            .filter(p -> before.target(p) != after.target(p))
            .count();
  }

  @Test
  void shouldSpreadFreshTopicEvenlyRoundRobin() {
    // Given a new 12-partition topic and three brokers
    // When
    Map<String, AssignmentRecord> plan =
        PartitionPlacement.plan(Map.of(), Map.of("orders", 12), brokers(1, 2, 3));

    // Then
    assertThat(countsPerBroker(plan.get("orders")))
        .containsExactly(Map.entry(1, 4L), Map.entry(2, 4L), Map.entry(3, 4L));
    assertThat(plan.get("orders").brokerIds().subList(0, 3)).containsExactly(1, 2, 3);
  }

  @Test
  void shouldMoveOnlyTheLeavingBrokersPartitions() {
    // Given a balanced 12-partition topic over brokers 1..4
    Map<String, AssignmentRecord> before =
        PartitionPlacement.plan(Map.of(), Map.of("orders", 12), brokers(1, 2, 3, 4));

    // When broker 4 leaves
    Map<String, AssignmentRecord> after =
        PartitionPlacement.plan(before, Map.of("orders", 12), brokers(1, 2, 3));

    // Then only broker 4's three partitions moved, and the topic is 4/4/4
    AssignmentRecord old = before.get("orders");
    AssignmentRecord now = after.get("orders");
    for (int p = 0; p < 12; p++) {
      if (old.target(p) != 4) {
        assertThat(now.target(p)).as("partition %d", p).isEqualTo(old.target(p));
      }
    }
    assertThat(countsPerBroker(now)).containsOnlyKeys(1, 2, 3).containsValues(4L);
  }

  @Test
  void shouldMoveExactlyAFairShareToAJoiningBroker() {
    // Given a balanced 12-partition topic over brokers 1..3
    Map<String, AssignmentRecord> before =
        PartitionPlacement.plan(Map.of(), Map.of("orders", 12), brokers(1, 2, 3));

    // When broker 4 joins
    Map<String, AssignmentRecord> after =
        PartitionPlacement.plan(before, Map.of("orders", 12), brokers(1, 2, 3, 4));

    // Then exactly three partitions moved, all of them to broker 4
    AssignmentRecord old = before.get("orders");
    AssignmentRecord now = after.get("orders");
    assertThat(moved(old, now)).isEqualTo(3);
    IntStream.range(0, 12)
        .filter(p -> old.target(p) != now.target(p))
        .forEach(p -> assertThat(now.target(p)).isEqualTo(4));
  }

  @Test
  void shouldLeaveEveryPartitionUnassignedWhenNoBrokerIsEligible() {
    // Given
    Map<String, AssignmentRecord> current = Map.of("orders", record(1, 2, 3));

    // When
    Map<String, AssignmentRecord> plan =
        PartitionPlacement.plan(current, Map.of("orders", 3, "audit", 2), brokers());

    // Then
    assertThat(plan.get("orders").brokerIds()).containsExactly(-1, -1, -1);
    assertThat(plan.get("audit").brokerIds()).containsExactly(-1, -1);
  }

  @Test
  void shouldDropTargetsOfRemovedPartitionsWhenTheCountShrinks() {
    // Given a topic of six partitions now declared with four
    Map<String, AssignmentRecord> current = Map.of("orders", record(1, 2, 1, 2, 1, 2));

    // When
    Map<String, AssignmentRecord> plan =
        PartitionPlacement.plan(current, Map.of("orders", 4), brokers(1, 2));

    // Then the surviving partitions keep their owners
    assertThat(plan.get("orders").brokerIds()).containsExactly(1, 2, 1, 2);
  }

  @Test
  void shouldPlaceNewPartitionsWithoutMovingOldOnesWhenTheCountGrows() {
    // Given a two-partition topic grown to six
    Map<String, AssignmentRecord> current = Map.of("orders", record(2, 3));

    // When
    AssignmentRecord plan =
        PartitionPlacement.plan(current, Map.of("orders", 6), brokers(1, 2, 3)).get("orders");

    // Then
    assertThat(plan.brokerIds().subList(0, 2)).containsExactly(2, 3);
    assertThat(countsPerBroker(plan)).containsValues(2L).containsOnlyKeys(1, 2, 3);
  }

  @Test
  void shouldReassignTargetsOfUnknownOrUnassignedBrokers() {
    // Given targets on broker 9 (gone) and unassigned partitions
    Map<String, AssignmentRecord> current = Map.of("orders", record(9, 1, -1, 9));

    // When
    AssignmentRecord plan =
        PartitionPlacement.plan(current, Map.of("orders", 4), brokers(1, 2)).get("orders");

    // Then broker 1 keeps partition 1 and nothing stays on broker 9
    assertThat(plan.target(1)).isEqualTo(1);
    assertThat(plan.brokerIds()).doesNotContain(9, -1);
    assertThat(countsPerBroker(plan)).containsValues(2L).containsOnlyKeys(1, 2);
  }

  @Test
  void shouldPreferBalancedTotalsOverFewerMoves() {
    // Given six one-partition topics, all on broker 1
    Map<String, AssignmentRecord> current = new TreeMap<>();
    Map<String, Integer> counts = new TreeMap<>();
    for (String topic : List.of("a", "b", "c", "d", "e", "f")) {
      current.put(topic, record(1));
      counts.put(topic, 1);
    }

    // When
    Map<String, AssignmentRecord> plan = PartitionPlacement.plan(current, counts, brokers(1, 2, 3));

    // Then every broker owns two and broker 1 kept two of its own
    Map<Integer, Long> totals = new TreeMap<>();
    plan.values().forEach(r -> countsPerBroker(r).forEach((b, n) -> totals.merge(b, n, Long::sum)));
    assertThat(totals).containsExactly(Map.entry(1, 2L), Map.entry(2, 2L), Map.entry(3, 2L));
  }

  @Test
  void shouldMoveAnotherPartitionWhenALeaveWouldOtherwiseUnbalanceTotals() {
    // Given broker 0 owns b and c, brokers 1 and 2 share d
    Map<String, AssignmentRecord> before =
        Map.of("b", record(0), "c", record(0), "d", record(1, 2));
    Map<String, Integer> counts = Map.of("b", 1, "c", 1, "d", 2);

    // When broker 1 leaves: d's partition must go to broker 0, which would then own three
    Map<String, AssignmentRecord> after = PartitionPlacement.plan(before, counts, brokers(0, 2));

    // Then one of broker 0's own partitions moves to broker 2 as well, the fewest possible
    assertThat(after.get("d").brokerIds()).containsExactly(0, 2);
    assertThat(List.of(after.get("b").target(0), after.get("c").target(0)))
        .containsExactlyInAnyOrder(0, 2);
    assertThat(PartitionPlacementProperties.moved(before, after))
        .isEqualTo(2)
        .isEqualTo(BruteForcePlacement.fewestMoves(before, counts, brokers(0, 2)));
  }

  @Test
  void shouldMoveBetweenOldBrokersWhenAJoinWouldOtherwiseUnbalanceTotals() {
    // Given brokers 0 and 1 own three partitions each and broker 2 owns two, both of topic d
    Map<String, AssignmentRecord> before =
        Map.of("a", record(0, 1), "b", record(0, 1), "d", record(0, 1, 2, 2));
    Map<String, Integer> counts = Map.of("a", 2, "b", 2, "d", 4);

    // When broker 3 joins: it takes one of broker 2's d partitions, so broker 2 drops to one
    Map<String, AssignmentRecord> after =
        PartitionPlacement.plan(before, counts, brokers(0, 1, 2, 3));

    // Then broker 2 must also receive one of a/b, three moves being the fewest possible
    assertThat(after.get("d").brokerIds()).containsExactlyInAnyOrder(0, 1, 2, 3);
    assertThat(List.of(after.get("a"), after.get("b")))
        .flatMap(AssignmentRecord::brokerIds)
        .containsExactlyInAnyOrder(0, 1, 2, 3);
    assertThat(PartitionPlacementProperties.moved(before, after))
        .isEqualTo(3)
        .isEqualTo(BruteForcePlacement.fewestMoves(before, counts, brokers(0, 1, 2, 3)));
  }

  @Test
  void shouldPlanExactlyTheTopicsOfThePartitionCounts() {
    // Given a current assignment of a deleted topic
    Map<String, AssignmentRecord> current = Map.of("gone", record(1), "kept", record(1));

    // When
    Map<String, AssignmentRecord> plan =
        PartitionPlacement.plan(current, Map.of("kept", 1, "empty", 0), brokers(1));

    // Then
    assertThat(plan).containsOnlyKeys("kept", "empty");
    assertThat(plan.get("empty").brokerIds()).isEmpty();
  }

  @Test
  void shouldRejectNegativePartitionCount() {
    assertThatThrownBy(() -> PartitionPlacement.plan(Map.of(), Map.of("orders", -1), brokers(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("orders");
  }

  @Test
  void shouldPlanALargeClusterAndMoveOnlyWhatTheLeaverHeldPlusRebalancing() {
    // Given 2,000 topics of 1..13 partitions over 30 brokers (28,000 partitions)
    Map<String, Integer> counts = new TreeMap<>();
    for (int t = 0; t < 2_000; t++) {
      counts.put("topic-" + t, 1 + t % 13);
    }
    SortedSet<Integer> thirty = new TreeSet<>();
    IntStream.range(0, 30).forEach(thirty::add);
    Map<String, AssignmentRecord> before = PartitionPlacement.plan(Map.of(), counts, thirty);

    // When one broker leaves
    thirty.remove(7);
    Map<String, AssignmentRecord> after =
        PartitionPlacement.plan(before, counts, Collections.unmodifiableSortedSet(thirty));

    // Then every partition has a live target and no broker is left with the leaver's id
    // (planning time is not asserted: timing belongs in benchmarks)
    assertThat(after).hasSize(2_000);
    assertThat(after.values())
        .allSatisfy(a -> assertThat(a.brokerIds()).doesNotContain(7, AssignmentRecord.UNASSIGNED));
  }
}
