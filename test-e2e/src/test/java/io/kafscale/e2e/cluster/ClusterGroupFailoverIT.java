/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
  private static final Path REPORT = Path.of("target", "cluster-group-failover.txt");

  @TempDir Path tmp;
  private ClusterHarness cluster;
  private LoadGenerator load;
  private final List<Member> members = new ArrayList<>();

  @BeforeEach
  void startCluster() {
    cluster =
        ClusterHarness.start(tmp, 3, Map.of("KAFSCALE_GROUP_INITIAL_REBALANCE_DELAY_MS", "0"));
  }

  @AfterEach
  void stopEverything() {
    members.forEach(Member::close);
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
      members.add(new Member(i, cluster.bootstrap(), log));
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
    members.forEach(Member::close);
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
          Member.consumer(cluster.liveBootstrap(), group)) {
        consumer.assign(commit.keySet());
        consumer.commitSync(commit, COMMIT_TIMEOUT);
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

  /**
   * What the members did: every record consumed (value, partition, offset, when), every commit
   * acknowledged to them (when commitSync returned), every error. Thread-safe.
   */
  static final class GroupLog {
    record Consumption(String value, int partition, long offset, long nanos, int member) {}

    record Commit(int partition, long offset, long nanos, int member) {}

    private final ConcurrentLinkedQueue<Consumption> consumed = new ConcurrentLinkedQueue<>();
    private final Set<String> values = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Commit> commits = new ConcurrentLinkedQueue<>();
    private final Map<String, Integer> errors = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> assignments = new ConcurrentLinkedQueue<>();

    void consumed(int member, ConsumerRecord<byte[], byte[]> r) {
      String value = new String(r.value(), StandardCharsets.UTF_8);
      consumed.add(new Consumption(value, r.partition(), r.offset(), System.nanoTime(), member));
      values.add(value);
    }

    void committed(int member, Map<TopicPartition, OffsetAndMetadata> offsets) {
      long now = System.nanoTime();
      offsets.forEach(
          (tp, om) -> commits.add(new Commit(tp.partition(), om.offset(), now, member)));
    }

    void assigned() {
      assignments.add(System.nanoTime());
    }

    long assignmentsAfter(long nanos) {
      return assignments.stream().filter(t -> t >= nanos).count();
    }

    void error(Exception e) {
      errors.merge(e.getClass().getSimpleName(), 1, Integer::sum);
    }

    int consumedCount() {
      return consumed.size();
    }

    Set<String> consumedValues() {
      return values;
    }

    /** Per partition, the highest offset whose commit was acknowledged before {@code nanos}. */
    Map<Integer, Long> committedBefore(long nanos) {
      Map<Integer, Long> out = new TreeMap<>();
      commits.stream()
          .filter(c -> c.nanos() < nanos)
          .forEach(c -> out.merge(c.partition(), c.offset(), Math::max));
      return out;
    }

    OptionalLong firstCommitAfter(long nanos) {
      return commits.stream().mapToLong(Commit::nanos).filter(t -> t >= nanos).min();
    }

    /** The earliest consumption from one of {@code partitions} at or after {@code nanos}. */
    OptionalLong firstConsumptionAfter(long nanos, List<Integer> partitions) {
      return consumed.stream()
          .filter(c -> partitions.contains(c.partition()))
          .mapToLong(Consumption::nanos)
          .filter(t -> t >= nanos)
          .min();
    }

    /** Per partition, one past the highest offset consumed. */
    Map<Integer, Long> nextOffsets() {
      Map<Integer, Long> out = new TreeMap<>();
      consumed.forEach(c -> out.merge(c.partition(), c.offset() + 1, Math::max));
      return out;
    }

    /** Every consumption of a value that had been consumed before (in arrival order). */
    List<Consumption> duplicates() {
      Set<String> seen = new HashSet<>();
      return consumed.stream().filter(c -> !seen.add(c.value())).toList();
    }

    /** Acked values consumed at an offset other than the one their ack carried. */
    List<String> misplaced(Map<String, Long> acked) {
      return consumed.stream()
          .filter(c -> acked.containsKey(c.value()) && acked.get(c.value()) != c.offset())
          .map(c -> c + " acked at " + acked.get(c.value()))
          .limit(20)
          .toList();
    }

    String errorSummary() {
      return "member errors " + new TreeMap<>(errors);
    }
  }

  /**
   * One group member on its own thread: subscribe, poll, record, commitSync the next offsets of
   * what it just got. Errors (a commit failed by a rebalance or a dead coordinator) are recorded
   * and it carries on, as an application would. {@link #close()} stops it from any thread.
   */
  private static final class Member implements AutoCloseable {
    private final int id;
    private final GroupLog log;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private boolean closed;

    Member(int id, String bootstrap, GroupLog log) {
      this.id = id;
      this.log = log;
      this.consumer = consumer(bootstrap, GROUP);
      this.thread = new Thread(this::run, "group-member-" + id);
      thread.setDaemon(true);
      thread.start();
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String group) {
      Properties props = new Properties();
      props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
      props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
      props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
      props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
      props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
      props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
      props.put(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, 100);
      props.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
      return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private void run() {
      consumer.subscribe(
          List.of(TOPIC),
          new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
              log.assigned();
            }
          });
      try {
        while (running) {
          pollAndCommit();
        }
      } catch (WakeupException e) {
        // close() woke us up
      } finally {
        consumer.close(Duration.ofSeconds(5));
      }
    }

    private void pollAndCommit() {
      try {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
        if (records.isEmpty()) {
          return;
        }
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
          List<ConsumerRecord<byte[], byte[]>> batch = records.records(tp);
          batch.forEach(r -> log.consumed(id, r));
          next.put(tp, new OffsetAndMetadata(batch.getLast().offset() + 1));
        }
        consumer.commitSync(next, COMMIT_TIMEOUT);
        log.committed(id, next);
      } catch (WakeupException e) {
        throw e;
      } catch (KafkaException e) {
        log.error(e);
      }
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      running = false;
      consumer.wakeup();
      try {
        thread.join(Duration.ofSeconds(15));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
