/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerProcess;
import io.kafscale.e2e.cluster.ClusterHarness;
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
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction left open on a coordinator that is killed with kill -9: the broker that takes the
 * transactional id over recovers it, so a new producer instance fences the old one and the open
 * transaction is aborted (its records stay in the log, invisible to read_committed), and an
 * abandoned one is aborted once its timeout passes, so the last stable offset reaches the log end.
 */
class TxnCoordinatorFailoverIT {
  private static final String TOPIC = "txn-failover";
  private static final int PARTITIONS = 6;

  @TempDir Path tmp;
  private ClusterHarness cluster;
  private final List<KafkaProducer<String, String>> producers = new ArrayList<>();

  @BeforeEach
  void startCluster() {
    cluster = ClusterHarness.start(tmp, 3);
    cluster.createTopic(TOPIC, PARTITIONS);
    cluster.awaitLeadersAmong(TOPIC, cluster.brokers(), Duration.ofSeconds(20));
  }

  @AfterEach
  void stopEverything() {
    producers.forEach(p -> p.close(Duration.ZERO));
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldFenceTheOldProducerAndAbortItsTransactionWhenANewInstanceStartsAfterCoordinatorKill() {
    // Given: an open transaction with records on every partition
    String tid = "txn-zombie";
    KafkaProducer<String, String> zombie = producer(tid, 60_000);
    zombie.initTransactions();
    zombie.beginTransaction();
    sendToEveryPartition(zombie, "zombie");
    zombie.flush();
    BrokerProcess coordinator = transactionCoordinator(tid);

    // When: its coordinator dies and a new instance with the same transactional id starts
    cluster.kill9(coordinator);
    KafkaProducer<String, String> successor = producer(tid, 60_000);
    successor.initTransactions();
    successor.beginTransaction();
    sendToEveryPartition(successor, "live");
    successor.commitTransaction();

    // Then: the old instance is fenced, only the new instance's records are committed
    assertThatThrownBy(zombie::commitTransaction).isInstanceOf(KafkaException.class);
    assertThat(transactionCoordinator(tid)).isNotSameAs(coordinator);
    Map<Integer, List<String>> committed = read(IsolationLevel.READ_COMMITTED);
    Map<Integer, List<String>> all = read(IsolationLevel.READ_UNCOMMITTED);
    for (int p = 0; p < PARTITIONS; p++) {
      assertThat(committed.get(p))
          .as("read_committed %s-%d", TOPIC, p)
          .containsExactly("live-" + p);
      assertThat(all.get(p))
          .as("read_uncommitted %s-%d (aborted records stay in the log)", TOPIC, p)
          .containsExactly("zombie-" + p, "live-" + p);
    }
  }

  @Test
  void shouldAbortAnAbandonedTransactionOnTimeoutWhenItsCoordinatorIsKilled() {
    // Given: an open transaction with a short timeout whose producer then goes silent
    String tid = "txn-abandoned";
    KafkaProducer<String, String> abandoned = producer(tid, 6_000);
    abandoned.initTransactions();
    abandoned.beginTransaction();
    sendToEveryPartition(abandoned, "abandoned");
    abandoned.flush();
    BrokerProcess coordinator = transactionCoordinator(tid);
    assertThat(lastStableOffsets()).as("LSO while open").containsOnly(entriesOf(0L));

    // When
    cluster.kill9(coordinator);

    // Then: the successor aborts it; the last stable offsets pass the abort markers
    await("transaction " + tid + " aborted by the successor coordinator")
        .atMost(Duration.ofSeconds(45))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(describe(tid).state())
                  .isIn(TransactionState.COMPLETE_ABORT, TransactionState.EMPTY);
              assertThat(lastStableOffsets()).isEqualTo(logEndOffsets());
            });
    assertThat(logEndOffsets())
        .as("record + abort marker per partition")
        .containsOnly(entriesOf(2L));
    Map<Integer, List<String>> committed = read(IsolationLevel.READ_COMMITTED);
    assertThat(committed.values()).allSatisfy(v -> assertThat(v).isEmpty());
  }

  @SuppressWarnings("unchecked")
  private static Map.Entry<Integer, Long>[] entriesOf(long offset) {
    return IntStream.range(0, PARTITIONS)
        .mapToObj(p -> Map.entry(p, offset))
        .toArray(Map.Entry[]::new);
  }

  private static void sendToEveryPartition(KafkaProducer<String, String> producer, String prefix) {
    for (int p = 0; p < PARTITIONS; p++) {
      producer.send(new ProducerRecord<>(TOPIC, p, "k", prefix + "-" + p));
    }
  }

  private KafkaProducer<String, String> producer(String tid, int transactionTimeoutMs) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, tid);
    props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, transactionTimeoutMs);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 40_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 100);
    KafkaProducer<String, String> p =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    producers.add(p);
    return p;
  }

  private TransactionDescription describe(String tid) throws Exception {
    try (Admin admin = ClusterHarness.admin(cluster.liveBootstrap())) {
      return admin.describeTransactions(List.of(tid)).description(tid).get(10, TimeUnit.SECONDS);
    }
  }

  private BrokerProcess transactionCoordinator(String tid) {
    List<BrokerProcess> found = new ArrayList<>();
    await("coordinator of " + tid)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              int coordinatorId = describe(tid).coordinatorId();
              try (Admin admin = ClusterHarness.admin(cluster.liveBootstrap())) {
                Node node =
                    admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
                        .filter(n -> n.id() == coordinatorId)
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

  private Map<Integer, Long> lastStableOffsets() {
    return offsets(IsolationLevel.READ_COMMITTED);
  }

  private Map<Integer, Long> logEndOffsets() {
    return offsets(IsolationLevel.READ_UNCOMMITTED);
  }

  private Map<Integer, Long> offsets(IsolationLevel isolation) {
    try (Admin admin = ClusterHarness.admin(cluster.liveBootstrap())) {
      Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
      IntStream.range(0, PARTITIONS)
          .forEach(p -> specs.put(new TopicPartition(TOPIC, p), OffsetSpec.latest()));
      Map<Integer, Long> out = new TreeMap<>();
      admin
          .listOffsets(specs, new ListOffsetsOptions(isolation))
          .all()
          .get(15, TimeUnit.SECONDS)
          .forEach((tp, info) -> out.put(tp.partition(), info.offset()));
      return out;
    } catch (Exception e) {
      throw new IllegalStateException("list offsets " + isolation + ": " + e, e);
    }
  }

  /** Values per partition from the start up to the end offsets for {@code isolation}. */
  private Map<Integer, List<String>> read(IsolationLevel isolation) {
    List<TopicPartition> tps =
        IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.liveBootstrap());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    Map<Integer, List<String>> out = new TreeMap<>();
    tps.forEach(tp -> out.put(tp.partition(), new ArrayList<>()));
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> ends = consumer.endOffsets(tps, Duration.ofSeconds(30));
      await("read " + isolation + " " + TOPIC + " up to " + ends)
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ZERO)
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                  out.get(r.partition()).add(r.value());
                }
                return tps.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
              });
    }
    return out;
  }
}
