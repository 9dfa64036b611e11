/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerProcess;
import io.kafscale.e2e.cluster.ClusterHarness;
import io.kafscale.e2e.cluster.PartitionReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once consume-transform-produce across three broker processes while first the transaction
 * coordinator of the application's transactional id and later the leader of an output partition are
 * killed with kill -9: read_committed, the output holds every input record's result exactly once
 * and in input order per partition, no control record surfaces as data, and the group's committed
 * offsets end at the input's end offsets.
 */
class TransactionsClusterIT {
  private static final String INPUT = "txn-in";
  private static final String OUTPUT = "txn-out";
  private static final int PARTITIONS = 6;
  private static final String GROUP = "txn-ctp";
  private static final String TRANSACTIONAL_ID = "txn-ctp-app";
  private static final int TOTAL = 5_000;

  @TempDir Path tmp;
  private ClusterHarness cluster;
  private InputFeeder feeder;
  private EosApp app;

  @BeforeEach
  void startCluster() {
    cluster =
        ClusterHarness.start(tmp, 3, Map.of("KAFSCALE_GROUP_INITIAL_REBALANCE_DELAY_MS", "0"));
  }

  @AfterEach
  void stopEverything() {
    if (app != null) {
      app.close();
    }
    if (feeder != null) {
      feeder.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldWriteEveryResultExactlyOnceWhenTheTxnCoordinatorAndAnOutputLeaderAreKilled() {
    // Given: input fed continuously, the EOS application committing transactions
    cluster.createTopic(INPUT, PARTITIONS);
    cluster.createTopic(OUTPUT, PARTITIONS);
    cluster.awaitLeadersAmong(INPUT, cluster.brokers(), Duration.ofSeconds(20));
    cluster.awaitLeadersAmong(OUTPUT, cluster.brokers(), Duration.ofSeconds(20));
    feeder = InputFeeder.start(cluster.bootstrap(), INPUT, PARTITIONS, TOTAL, 20);
    app = new EosApp(cluster.bootstrap(), INPUT, OUTPUT, GROUP, TRANSACTIONAL_ID).start();
    awaitCommitsBeyond(0, 10, "first transactions");
    BrokerProcess coordinator = transactionCoordinator();
    System.out.println(
        "txn coordinator of " + TRANSACTIONAL_ID + " is broker " + cluster.indexOf(coordinator));

    // When: kill -9 of the transaction coordinator
    cluster.kill9(coordinator);

    // Then: transactions commit again, coordinated by another broker
    awaitCommitsBeyond(app.commits(), 10, "transactions after the coordinator kill");
    BrokerProcess successor = transactionCoordinator();
    assertThat(successor).isNotSameAs(coordinator);
    cluster.addBroker();

    // When: kill -9 of the leader of an output partition (another broker than the coordinator)
    Map<Integer, Integer> outputLeaders = cluster.leaders(OUTPUT);
    int outputVictimIndex =
        outputLeaders.values().stream()
            .filter(i -> i >= 0 && i != cluster.indexOf(successor))
            .findFirst()
            .orElse(cluster.indexOf(successor));
    BrokerProcess outputVictim = cluster.broker(outputVictimIndex);
    System.out.println("killing broker " + outputVictimIndex + ", output leaders " + outputLeaders);
    cluster.kill9(outputVictim);

    // Then: the application goes on and consumes all the input
    awaitCommitsBeyond(app.commits(), 10, "transactions after the output leader kill");
    await("all input sent").atMost(Duration.ofSeconds(60)).until(() -> feeder.sent() == TOTAL);
    feeder.close();
    Map<Integer, List<String>> input =
        values(PartitionReader.readAll(cluster.liveBootstrap(), INPUT, PARTITIONS));
    Map<Integer, Long> inputEnds = new TreeMap<>();
    input.forEach((p, v) -> inputEnds.put(p, (long) v.size()));
    await("the application committed up to the input end offsets " + inputEnds)
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              assertThat(app.crash()).isNull();
              assertThat(new TreeMap<>(app.committedPositions())).isEqualTo(inputEnds);
            });
    app.close();
    System.out.printf(
        "eos app: %d commits, %d recoveries, %d errors; feeder failures %s%n",
        app.commits(), app.recoveries(), app.errors().size(), feeder.failures());

    Map<Integer, List<String>> output = readCommitted(OUTPUT);
    for (int p = 0; p < PARTITIONS; p++) {
      List<String> expected = input.get(p).stream().map(v -> "out-" + v).toList();
      assertThat(output.getOrDefault(p, List.of()))
          .as("read_committed values of %s-%d (every input result once, in order)", OUTPUT, p)
          .containsExactlyElementsOf(expected);
    }
    assertThat(groupOffsets()).as("committed offsets of %s", GROUP).isEqualTo(inputEnds);
  }

  private void awaitCommitsBeyond(long base, int more, String what) {
    await(what + " (" + more + " commits beyond " + base + ")")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(app.crash()).isNull();
              assertThat(app.commits()).isGreaterThanOrEqualTo(base + more);
            });
  }

  /** The broker the live cluster names coordinator of the transactional id. */
  private BrokerProcess transactionCoordinator() {
    List<BrokerProcess> found = new ArrayList<>();
    await("coordinator of " + TRANSACTIONAL_ID)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              try (Admin admin = ClusterHarness.admin(cluster.liveBootstrap())) {
                TransactionDescription d =
                    admin
                        .describeTransactions(List.of(TRANSACTIONAL_ID))
                        .description(TRANSACTIONAL_ID)
                        .get(10, TimeUnit.SECONDS);
                Node node =
                    admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
                        .filter(n -> n.id() == d.coordinatorId())
                        .findFirst()
                        .orElseThrow();
                int index = cluster.indexOf(node);
                assertThat(index).isNotNegative();
                assertThat(cluster.broker(index).isAlive()).isTrue();
                found.add(cluster.broker(index));
              }
            });
    return found.getLast();
  }

  private static Map<Integer, List<String>> values(
      Map<Integer, List<ConsumerRecord<byte[], byte[]>>> records) {
    Map<Integer, List<String>> out = new TreeMap<>();
    records.forEach(
        (p, rs) ->
            out.put(
                p, rs.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList()));
    return out;
  }

  /** Values per partition read read_committed from the start up to the last stable offsets. */
  private Map<Integer, List<String>> readCommitted(String topic) {
    List<TopicPartition> tps =
        IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)).toList();
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.liveBootstrap());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    Map<Integer, List<String>> out = new TreeMap<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> ends = consumer.endOffsets(tps, Duration.ofSeconds(30));
      await("read_committed " + topic + " up to " + ends)
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ZERO)
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                  out.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r.value());
                }
                return tps.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
              });
      // No transaction is open any more: the stable end is the log end, so nothing may follow.
      Map<TopicPartition, Long> logEnds = logEndOffsets(tps);
      assertThat(ends).as("last stable offsets equal log end offsets").isEqualTo(logEnds);
      assertThat(consumer.poll(Duration.ofMillis(500))).as("records past the end").isEmpty();
    }
    return out;
  }

  private Map<TopicPartition, Long> logEndOffsets(List<TopicPartition> tps) {
    try (Admin admin = ClusterHarness.admin(cluster.liveBootstrap())) {
      Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
      tps.forEach(tp -> specs.put(tp, OffsetSpec.latest()));
      Map<TopicPartition, Long> out = new HashMap<>();
      admin
          .listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
          .all()
          .get(30, TimeUnit.SECONDS)
          .forEach((tp, info) -> out.put(tp, info.offset()));
      return out;
    } catch (Exception e) {
      throw new IllegalStateException("list offsets: " + e, e);
    }
  }

  private Map<Integer, Long> groupOffsets() {
    try (Admin admin = ClusterHarness.admin(cluster.liveBootstrap())) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(GROUP)
              .partitionsToOffsetAndMetadata()
              .get(15, TimeUnit.SECONDS);
      Map<Integer, Long> out = new TreeMap<>();
      offsets.forEach((tp, om) -> out.put(tp.partition(), om.offset()));
      return out;
    } catch (Exception e) {
      throw new IllegalStateException("group offsets: " + e, e);
    }
  }
}
