/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerFixture;
import io.kafscale.metadata.testing.EtcdServer;
import io.kafscale.storage.objectstore.ObjectInfo;
import io.kafscale.storage.objectstore.s3.S3ObjectStore;
import io.kafscale.storage.testing.S3MockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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

/**
 * Log compaction end to end (issue 6's acceptance test): one broker on a real etcd and an S3Mock
 * bucket, Kafka's own clients. Many updates over few keys plus tombstones, flushed as several
 * segments; after compaction a consumer from the beginning sees the latest value per key at its
 * original offset, deleted keys vanish once their tombstones are past {@code delete.retention.ms},
 * and the topic takes fewer bytes in the bucket.
 */
class CompactionIT {
  private static final String NAMESPACE = "compaction-it";
  private static final String TOPIC = "compacted";
  private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
  private static final int KEYS = 10;
  private static final int ROUNDS = 4;
  private static final int UPDATES_PER_ROUND = 100;
  private static final List<String> DELETED = List.of("k0", "k1");

  private static EtcdServer etcd;
  private static S3MockServer s3;
  private static BrokerFixture broker;
  private static S3ObjectStore bucket;
  private static Admin admin;

  /** What a produced record left behind: its offset and value (null for a tombstone). */
  private record Latest(long offset, String value) {}

  @BeforeAll
  static void start() {
    etcd = EtcdServer.start();
    s3 = S3MockServer.create("compaction-it").start();
    Map<String, String> env =
        new HashMap<>(BrokerFixture.s3Env(s3.endpoint().toString(), s3.bucket()));
    env.put("KAFSCALE_ETCD_ENDPOINTS", etcd.endpoint());
    env.put("KAFSCALE_S3_NAMESPACE", NAMESPACE);
    env.put("KAFSCALE_COMPACTION_CHECK_INTERVAL_MS", "200");
    broker = BrokerFixture.start(env);
    bucket = S3ObjectStore.create(s3.config());
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {admin, bucket, broker, s3, etcd}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  @Test
  void shouldKeepTheLatestValuePerKeyAtItsOriginalOffsetAndShrinkTheBucket() throws Exception {
    // Given a compacted topic that lets records settle for a few seconds before compacting them
    admin
        .createTopics(
            List.of(
                new NewTopic(TOPIC, 1, (short) 1)
                    .configs(
                        Map.of(
                            "cleanup.policy", "compact",
                            "min.cleanable.dirty.ratio", "0.01",
                            "min.compaction.lag.ms", "4000",
                            "delete.retention.ms", "1000",
                            "file.delete.delay.ms", "200",
                            "segment.bytes", "16384"))))
        .all()
        .get(30, TimeUnit.SECONDS);
    // And many updates over few keys in several flushes, then tombstones for two keys
    Map<String, Latest> latest = new TreeMap<>();
    try (KafkaProducer<String, String> producer = producer()) {
      for (int round = 0; round < ROUNDS; round++) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < UPDATES_PER_ROUND; i++) {
          String key = "k" + (i % KEYS);
          records.add(new ProducerRecord<>(TOPIC, 0, key, key + "-r" + round + "-" + i));
        }
        for (ProducerRecord<String, String> r : records) {
          sent.add(producer.send(r));
        }
        producer.flush();
        for (int i = 0; i < records.size(); i++) {
          latest.put(
              records.get(i).key(),
              new Latest(sent.get(i).get(30, TimeUnit.SECONDS).offset(), records.get(i).value()));
        }
      }
      for (String key : DELETED) {
        long offset = producer.send(new ProducerRecord<>(TOPIC, 0, key, null)).get().offset();
        latest.put(key, new Latest(offset, null));
      }
    }
    long highWatermark = ROUNDS * UPDATES_PER_ROUND + DELETED.size();
    long bytesBefore = topicBytes();
    // And a group whose committed offset lies in what compaction will rewrite
    commit("compaction-it-group", 123);

    // When compaction runs (every 200 ms, once the records are older than the compaction lag)
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              // Then a reader from the beginning sees the latest record per key, at its offset
              // (tombstones too, unless a later window already dropped them)
              assertThat(readFrom(0, highWatermark))
                  .isIn(expected(latest, true), expected(latest, false));
              // And the bucket holds fewer bytes for the topic once replaced objects are deleted
              assertThat(topicBytes()).isLessThan(bytesBefore);
            });

    // Then committed offsets are untouched
    assertThat(committed("compaction-it-group")).isEqualTo(123);
    // And a fetch from an offset inside a compacted gap starts at the next kept record
    long gap = latest.get("k9").offset() - KEYS; // an older update of k9, compacted away
    assertThat(readFrom(gap, highWatermark))
        .isIn(from(gap, expected(latest, true)), from(gap, expected(latest, false)));

    // When the log turns dirty again after the tombstones' delete.retention.ms
    try (KafkaProducer<String, String> producer = producer()) {
      long offset = producer.send(new ProducerRecord<>(TOPIC, 0, "k5", "k5-final")).get().offset();
      latest.put("k5", new Latest(offset, "k5-final"));
    }
    long finalHighWatermark = highWatermark + 1;

    // Then the next compaction drops the tombstones: deleted keys are gone
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> assertThat(readFrom(0, finalHighWatermark)).isEqualTo(expected(latest, false)));
  }

  /**
   * Offset to {@code key=value} of the latest record per key; tombstones ({@code key=null}) only
   * when {@code withTombstones}.
   */
  private static Map<Long, String> expected(Map<String, Latest> latest, boolean withTombstones) {
    Map<Long, String> out = new TreeMap<>();
    latest.forEach(
        (key, l) -> {
          if (l.value() != null || withTombstones) {
            out.put(l.offset(), key + "=" + l.value());
          }
        });
    return out;
  }

  private static Map<Long, String> from(long offset, Map<Long, String> records) {
    return new TreeMap<>(((TreeMap<Long, String>) records).tailMap(offset, true));
  }

  /** Offset to {@code key=value} of every record read from {@code from} up to {@code end}. */
  private static Map<Long, String> readFrom(long from, long end) {
    Map<Long, String> seen = new TreeMap<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.assign(List.of(TP));
      consumer.seek(TP, from);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (consumer.position(TP) < end && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          String previous = seen.put(r.offset(), r.key() + "=" + r.value());
          assertThat(previous).as("offset %d read twice", r.offset()).isNull();
        }
      }
    }
    return seen;
  }

  private static KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.LINGER_MS_CONFIG,
            "5"),
        new StringSerializer(),
        new StringSerializer());
  }

  /** Bytes of every object (segments and indexes) stored under the topic's prefix. */
  private static long topicBytes() throws Exception {
    return bucket.list(NAMESPACE + "/" + TOPIC + "/").get(30, TimeUnit.SECONDS).stream()
        .mapToLong(ObjectInfo::size)
        .sum();
  }

  private static void commit(String group, long offset) {
    try (KafkaConsumer<String, String> consumer = groupConsumer(group)) {
      consumer.assign(List.of(TP));
      consumer.commitSync(Map.of(TP, new OffsetAndMetadata(offset)));
    }
  }

  private static long committed(String group) {
    try (KafkaConsumer<String, String> consumer = groupConsumer(group)) {
      return consumer.committed(Set.of(TP)).get(TP).offset();
    }
  }

  private static KafkaConsumer<String, String> groupConsumer(String group) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            group,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            "false"),
        new StringDeserializer(),
        new StringDeserializer());
  }
}
