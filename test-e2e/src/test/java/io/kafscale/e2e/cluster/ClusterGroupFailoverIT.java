/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a consumer group's coordinator during steady consumption (three members that commit
 * synchronously after every poll, a producer writing all the time): the group continues on another
 * coordinator, every acknowledged record is consumed, no commit acknowledged before the kill is
 * lost, and records consumed twice all lie at or after the last commit acknowledged before the
 * kill. The time until the group commits and consumes again is reported (stdout and {@code
 * target/cluster-group-failover.txt}).
 */
class ClusterGroupFailoverIT {
  private static final String TOPIC = "group-failover";
  private static final int PARTITIONS = 6;
  private static final String GROUP = "failover-group";
  private static final int MEMBERS = 3;
  private static final Path REPORT = Path.of("target", "cluster-group-failover.txt");

  @TempDir Path tmp;
  private ClusterHarness cluster;
  private LoadGenerator load;
  private final List<GroupMember> members = new ArrayList<>();

  @BeforeEach
  void startCluster() {
    cluster =
        ClusterHarness.start(tmp, 3, Map.of("KAFSCALE_GROUP_INITIAL_REBALANCE_DELAY_MS", "0"));
  }

  @AfterEach
  void stopEverything() {
    members.forEach(GroupMember::close);
    if (load != null) {
      load.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldContinueOnAnotherCoordinatorWithoutLosingCommitsWhenTheCoordinatorIsKilled()
      throws IOException {
    // Given: a stable three-member group consuming and committing while a producer writes
    cluster.createTopic(TOPIC, PARTITIONS);
    cluster.awaitLeaderCounts(TOPIC, Duration.ofSeconds(20), 2, 2, 2);
    GroupLog log = new GroupLog();
    for (int i = 0; i < MEMBERS; i++) {
      members.add(new GroupMember(i, cluster.bootstrap(), GROUP, TOPIC, log));
    }
    awaitStableGroup(MEMBERS);
    PartitionLedger ledger = new PartitionLedger();
    load = LoadGenerator.start(cluster.bootstrap(), TOPIC, PARTITIONS, "g", ledger);
    await("group commits on every partition while consuming")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                log.consumedCount() >= 2_000
                    && log.committedBefore(Long.MAX_VALUE).size() == PARTITIONS);
    BrokerProcess victim = coordinator();
    List<Integer> victimLeads = cluster.partitionsLedBy(TOPIC, victim);
    Witness witness = commitWitnessOffsetsOn(victim);
    Map<Integer, Long> committedBeforeKill = adminCommitted();

    // When
    long killedAt = System.nanoTime();
    cluster.kill9(victim);

    // Then: the group commits again, through another coordinator
    await("a commit succeeds after kill -9 of coordinator broker " + cluster.indexOf(victim))
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> log.firstCommitAfter(killedAt).isPresent());
    Duration toCommit = Duration.ofNanos(log.firstCommitAfter(killedAt).getAsLong() - killedAt);
    BrokerProcess successor = awaitCoordinatorOtherThan(victim);
    int ackedAtRecovery = ledger.acked();
    await("more acks after the failover")
        .atMost(Duration.ofSeconds(30))
        .until(() -> ledger.acked() >= ackedAtRecovery + 2_000);
    load.stopAndFlush(Duration.ofSeconds(60));
    Map<String, Long> acked = ledger.ackedOffsets();
    await("the group consumes every acknowledged record (" + acked.size() + ")")
        .atMost(Duration.ofSeconds(60))
        .until(() -> log.consumedValues().containsAll(acked.keySet()));
    Map<Integer, Long> ends = log.nextOffsets();
    await("the group's committed offsets reach the end of what it consumed " + ends)
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(adminCommitted()).isEqualTo(ends));
    Map<Integer, Long> committedAfter = adminCommitted();
    long assignmentsAfterKill = log.assignmentsAfter(killedAt);
    members.forEach(GroupMember::close);
    Duration toConsume =
        Duration.ofNanos(
            log.firstConsumptionAfter(killedAt, victimLeads).orElse(killedAt) - killedAt);
    Map<Integer, Long> lastAckedCommit = log.committedBefore(killedAt);
    List<GroupLog.Consumption> duplicates = log.duplicates();
    report(
        victim,
        victimLeads,
        successor,
        toCommit,
        toConsume,
        duplicates.size(),
        log,
        assignmentsAfterKill);

    ledger.assertOnlyRetriableFailures();
    assertThat(adminCommitted(witness.group()))
        .as("offsets of %s, committed once before the kill", witness.group())
        .isEqualTo(witness.offsets());
    assertThat(log.misplaced(acked))
        .as("acked values consumed at another offset than acked")
        .isEmpty();
    assertThat(committedAfter)
        .as("committed offsets after recovery vs before the kill %s", committedBeforeKill)
        .allSatisfy(
            (p, offset) ->
                assertThat(offset).isGreaterThanOrEqualTo(committedBeforeKill.getOrDefault(p, 0L)))
        .allSatisfy(
            (p, offset) ->
                assertThat(offset).isGreaterThanOrEqualTo(lastAckedCommit.getOrDefault(p, 0L)));
    assertThat(duplicates)
        .as(
            "values consumed again below the last commit acknowledged before the kill %s"
                + " (a lost or rewound commit)",
            lastAckedCommit)
        .allSatisfy(
            d ->
                assertThat(d.offset())
                    .isGreaterThanOrEqualTo(lastAckedCommit.getOrDefault(d.partition(), 0L)));
  }

  private void awaitStableGroup(int memberCount) {
    await("group " + GROUP + " stable with " + memberCount + " members owning all partitions")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              ConsumerGroupDescription group = describeGroup();
              assertThat(group.groupState()).isEqualTo(GroupState.STABLE);
              assertThat(group.members()).hasSize(memberCount);
              assertThat(
                      group.members().stream()
                          .mapToInt(m -> m.assignment().topicPartitions().size())
                          .sum())
                  .isEqualTo(PARTITIONS);
            });
  }

  private BrokerProcess coordinator() {
    int index = cluster.indexOf(describeGroup().coordinator());
    assertThat(index).as("coordinator of %s is a broker of the harness", GROUP).isNotNegative();
    return cluster.broker(index);
  }

  private BrokerProcess awaitCoordinatorOtherThan(BrokerProcess victim) {
    List<BrokerProcess> found = new ArrayList<>();
    await("a live broker other than the killed one coordinates " + GROUP)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              BrokerProcess now = coordinator();
              assertThat(now).isNotSameAs(victim);
              assertThat(now.isAlive()).isTrue();
              found.add(now);
            });
    return found.getLast();
  }

  private ConsumerGroupDescription describeGroup() {
    return describeGroup(GROUP);
  }

  private ConsumerGroupDescription describeGroup(String group) {
    try (Admin admin = ClusterHarness.admin(cluster.liveBootstrap())) {
      return admin
          .describeConsumerGroups(List.of(group))
          .describedGroups()
          .get(group)
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("describe group " + group + ": " + e, e);
    }
  }

  private Map<Integer, Long> adminCommitted() {
    return adminCommitted(GROUP);
  }

  /** Partition to committed offset, as Admin reads it from the coordinator. */
  private Map<Integer, Long> adminCommitted(String group) {
    try (Admin admin = ClusterHarness.admin(cluster.liveBootstrap())) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      Map<Integer, Long> out = new TreeMap<>();
      offsets.forEach(
          (tp, om) -> {
            if (om != null && tp.topic().equals(TOPIC)) {
              out.put(tp.partition(), om.offset());
            }
          });
      return out;
    } catch (Exception e) {
      throw new IllegalStateException("list offsets of " + group + ": " + e, e);
    }
  }

  /**
   * A group coordinated by {@code broker} too whose commit (by an {@code assign()} consumer)
   * nothing later supersedes: unlike the live group's, its offsets after the failover must be
   * exactly these.
   */
  private Witness commitWitnessOffsetsOn(BrokerProcess broker) {
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    Map<Integer, Long> offsets = new TreeMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      commit.put(new TopicPartition(TOPIC, p), new OffsetAndMetadata(10L * (p + 1)));
      offsets.put(p, 10L * (p + 1));
    }
    // Admin describes only groups that exist, so commit first and keep the group if it landed on
    // the broker; the others stay behind, harmless.
    for (int k = 0; k < 60; k++) {
      String group = GROUP + "-witness-" + k;
      try (KafkaConsumer<byte[], byte[]> consumer =
          GroupMember.consumer(cluster.liveBootstrap(), group)) {
        consumer.assign(commit.keySet());
        consumer.commitSync(commit, GroupMember.COMMIT_TIMEOUT);
      }
      if (cluster.indexOf(describeGroup(group).coordinator()) == cluster.indexOf(broker)) {
        return new Witness(group, offsets);
      }
    }
    throw new AssertionError("no group id coordinated by broker " + cluster.indexOf(broker));
  }

  private record Witness(String group, Map<Integer, Long> offsets) {}

  private void report(
      BrokerProcess victim,
      List<Integer> victimLeads,
      BrokerProcess successor,
      Duration toCommit,
      Duration toConsume,
      int duplicates,
      GroupLog log,
      long assignmentsAfterKill)
      throws IOException {
    String line =
        Instant.now()
            + " group failover after kill -9 of coordinator broker["
            + cluster.indexOf(victim)
            + "] (also leader of "
            + TOPIC
            + " partitions "
            + victimLeads
            + "; new coordinator broker["
            + cluster.indexOf(successor)
            + "]): first commit after "
            + toCommit.toMillis()
            + " ms, first record consumed from the killed broker's partitions after "
            + toConsume.toMillis()
            + " ms; "
            + duplicates
            + " records consumed twice; "
            + assignmentsAfterKill
            + " member assignments after the kill; "
            + log.errorSummary()
            + " (lease TTL "
            + ClusterHarness.LEASE_TTL.toMillis()
            + " ms)\n";
    System.out.print(line);
    Files.createDirectories(REPORT.toAbsolutePath().getParent());
    Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
