/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kafscale.broker.testing.BrokerFixture;
import io.kafscale.metadata.etcd.EtcdConfig;
import io.kafscale.metadata.etcd.EtcdMetadataStore;
import io.kafscale.metadata.testing.EtcdServer;
import io.kafscale.storage.log.StorageMeters;
import io.micrometer.core.instrument.Counter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker keeping its metadata in a real etcd: Kafka clients round-trip, a restart restores
 * offsets and idempotent-producer state from etcd, an unreachable etcd fails the start, and the
 * etcd write rate at steady produce load is measured.
 */
class BrokerEtcdIT {
  private static final String TOPIC = "events";
  private static final Duration LOAD_RUN = Duration.ofSeconds(3);

  private static EtcdServer etcd;

  @BeforeAll
  static void startEtcd() {
    etcd = EtcdServer.start();
  }

  @AfterAll
  static void stopEtcd() {
    if (etcd != null) {
      etcd.close();
    }
  }

  @Test
  void shouldRestoreOffsetsAndProducerStateFromEtcdAfterARestart(@TempDir Path dataDir)
      throws Exception {
    // Given: a broker on etcd on a fixed port, so one producer follows it across the restart
    Map<String, String> env =
        Map.of(
            "KAFSCALE_ETCD_ENDPOINTS",
            etcd.endpoint(),
            "KAFSCALE_BROKER_ADDR",
            "127.0.0.1:" + freePort());
    BrokerFixture first = BrokerFixture.startOn(dataDir, env);
    KafkaProducer<String, String> producer;
    try {
      assertThat(first.broker().metadataStoreKind()).isEqualTo("etcd:[" + etcd.endpoint() + "]");
      createTopic(first, TOPIC, 2);
      producer = producer(first);
      // When
      List<RecordMetadata> before = send(producer, 0, 100);

      // Then: exact offsets, read back through assign()
      assertOffsets(before, 0);
      assertThat(consume(first, 100)).containsExactlyElementsOf(values(0, 100));
    } finally {
      first.close();
    }

    // When: a new broker on the same etcd and data directory, the same producer continues
    try (BrokerFixture second = BrokerFixture.startOn(dataDir, env)) {
      List<RecordMetadata> after;
      try (producer) {
        after = send(producer, 100, 100);
      }

      // Then: offsets continue without gap or reuse, and every record is there exactly once
      assertOffsets(after, 50);
      assertThat(consume(second, 200)).containsExactlyElementsOf(values(0, 200));
    }
  }

  @Test
  void shouldMeasureEtcdWritesAtSteadyProduceLoad() throws Exception {
    try (BrokerFixture broker =
            BrokerFixture.start(Map.of("KAFSCALE_ETCD_ENDPOINTS", etcd.endpoint()));
        EtcdMetadataStore probe =
            EtcdMetadataStore.connect(EtcdConfig.of(List.of(etcd.endpoint())));
        KafkaProducer<String, String> producer = producer(broker)) {
      // Given
      createTopic(broker, "load", 4);
      producer.send(new ProducerRecord<>("load", 0, "k", "warm-up")).get(30, TimeUnit.SECONDS);
      long revisionBefore = probe.currentRevision().get(10, TimeUnit.SECONDS);
      double flushesBefore = flushes(broker);

      // When: a fixed-length run of acks=all idempotent produce over four partitions
      long records = 0;
      long end = System.nanoTime() + LOAD_RUN.toNanos();
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      while (System.nanoTime() < end) {
        acks.add(
            producer.send(
                new ProducerRecord<>("load", (int) (records % 4), "k", "v-".repeat(50) + records)));
        records++;
        if (acks.size() >= 1_000) {
          acks.removeFirst().get(30, TimeUnit.SECONDS);
        }
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get(30, TimeUnit.SECONDS);
      }
      long writes = probe.currentRevision().get(10, TimeUnit.SECONDS) - revisionBefore;
      double flushes = flushes(broker) - flushesBefore;

      // Then: etcd sees one write transaction per committed flush, nothing per record
      double seconds = LOAD_RUN.toMillis() / 1000.0;
      System.out.printf(
          "etcd load: %d records in %.1f s (%.0f records/s), %.0f flushes (%.1f/s),"
              + " %d etcd revisions (%.1f writes/s, %.2f per flush)%n",
          records,
          seconds,
          records / seconds,
          flushes,
          flushes / seconds,
          writes,
          writes / seconds,
          flushes == 0 ? 0.0 : writes / flushes);
      assertThat(flushes).isPositive();
      assertThat((double) writes).isLessThanOrEqualTo(flushes);
      assertThat(writes).isLessThan(records);
    }
  }

  @Test
  void shouldRefuseToStartWithinBoundedTimeWhenEtcdIsUnreachable() throws Exception {
    // Given: an etcd endpoint on a loopback port nobody listens on
    String dead = "http://127.0.0.1:" + freePort();
    long started = System.nanoTime();

    // When
    BrokerStartException e =
        catchThrowableOfType(
            BrokerStartException.class,
            () -> BrokerFixture.start(Map.of("KAFSCALE_ETCD_ENDPOINTS", dead)).close());

    // Then: a clear message naming the endpoints, no fallback to the embedded store
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("etcd metadata store unreachable").contains(dead);
    assertThat(took).isLessThan(Duration.ofSeconds(30));
    System.out.printf("etcd unreachable: start failed after %d ms%n", took.toMillis());
  }

  private static List<RecordMetadata> send(
      KafkaProducer<String, String> producer, int from, int count) throws Exception {
    List<Future<RecordMetadata>> futures = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      futures.add(producer.send(new ProducerRecord<>(TOPIC, i % 2, "k" + i, "v" + i)));
    }
    producer.flush();
    List<RecordMetadata> acks = new ArrayList<>();
    for (Future<RecordMetadata> f : futures) {
      acks.add(f.get(30, TimeUnit.SECONDS));
    }
    return acks;
  }

  /** Records alternate over partitions 0 and 1, so each partition's offsets count up by one. */
  private static void assertOffsets(List<RecordMetadata> acks, long firstOffset) {
    for (int i = 0; i < acks.size(); i++) {
      assertThat(acks.get(i).partition()).isEqualTo(i % 2);
      assertThat(acks.get(i).offset()).isEqualTo(firstOffset + i / 2);
    }
  }

  /** Every value of both partitions from offset 0, in production order. */
  private static List<String> consume(BrokerFixture broker, int count) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> parts =
          List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (out.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    assertThat(out).hasSize(count);
    for (ConsumerRecord<String, String> r : out) {
      int i = Integer.parseInt(r.value().substring(1));
      assertThat(r.partition()).isEqualTo(i % 2);
      assertThat(r.offset()).isEqualTo(i / 2);
    }
    return out.stream()
        .sorted(
            (a, b) ->
                Integer.compare(
                    Integer.parseInt(a.value().substring(1)),
                    Integer.parseInt(b.value().substring(1))))
        .map(ConsumerRecord::value)
        .toList();
  }

  private static List<String> values(int from, int count) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      out.add("v" + i);
    }
    return out;
  }

  private static KafkaProducer<String, String> producer(BrokerFixture broker) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  private static void createTopic(BrokerFixture broker, String name, int partitions)
      throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static double flushes(BrokerFixture broker) {
    return broker.broker().meterRegistry().find(StorageMeters.FLUSHES).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
