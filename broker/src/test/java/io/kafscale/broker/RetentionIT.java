/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.gc.ClusterMarker;
import io.kafscale.broker.gc.OrphanCandidates;
import io.kafscale.broker.gc.OrphanCollector;
import io.kafscale.broker.gc.OrphanGcConfig;
import io.kafscale.broker.testing.BrokerFixture;
import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.etcd.EtcdConfig;
import io.kafscale.metadata.etcd.EtcdMetadataStore;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.registry.SegmentReferences;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.testing.EtcdServer;
import io.kafscale.storage.objectstore.ObjectInfo;
import io.kafscale.storage.objectstore.s3.S3ObjectStore;
import io.kafscale.storage.segment.SegmentKeys;
import io.kafscale.storage.testing.S3MockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retention, DeleteRecords, topic deletion and orphan collection end to end: one broker on a real
 * etcd and an S3Mock bucket, Kafka's own clients. Every produced batch is flushed as its own
 * segment, so records with old timestamps make whole old segments that retention must remove from
 * the bucket and from the metadata.
 */
class RetentionIT {
  // The JVM-wide S3Mock is shared with other tests: a namespace of our own keeps us apart.
  private static final String NAMESPACE = "retention-it-" + UUID.randomUUID();
  private static EtcdServer etcd;
  private static S3MockServer s3;
  private static BrokerFixture broker;
  private static S3ObjectStore bucket;
  private static MetadataStore metadata;
  private static Admin admin;

  @BeforeAll
  static void start() {
    etcd = EtcdServer.start();
    s3 = S3MockServer.shared();
    Map<String, String> env =
        new HashMap<>(BrokerFixture.s3Env(s3.endpoint().toString(), s3.bucket()));
    env.put("KAFSCALE_ETCD_ENDPOINTS", etcd.endpoint());
    env.put("KAFSCALE_S3_NAMESPACE", NAMESPACE);
    env.put("KAFSCALE_RETENTION_CHECK_INTERVAL_MS", "200");
    broker = BrokerFixture.start(env);
    bucket = S3ObjectStore.create(s3.config());
    metadata = EtcdMetadataStore.connect(EtcdConfig.of(List.of(etcd.endpoint())));
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {admin, metadata, bucket, broker, etcd}) {
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
  void shouldDeleteExpiredSegmentsFromBucketAndMetadataAndResetConsumersAsConfigured()
      throws Exception {
    // Given a topic keeping one hour, five old records and five new ones (ten segments)
    String topic = "retained";
    TopicPartition tp = new TopicPartition(topic, 0);
    createTopic(topic, Map.of("retention.ms", "3600000"));
    long old = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
    produce(topic, 5, old);
    produce(topic, 5, System.currentTimeMillis());
    // And two groups positioned at an old offset
    commit("reset-earliest", tp, 2);
    commit("reset-none", tp, 2);

    // When retention runs (every 200 ms)
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(earliest(tp)).isEqualTo(5));

    // Then the old segments (base offsets 0-4) are gone from the bucket and from the metadata
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(segmentObjects(topic))
                    .extracting(SegmentKeys::baseOffsetOf)
                    .containsExactly(5L, 6L, 7L, 8L, 9L));
    assertThat(segmentKeysInMetadata(topic)).isEqualTo(5);
    Set<String> referenced =
        new SegmentReferences(metadata, KeyLayout.defaults())
            .objectKeys()
            .get(10, TimeUnit.SECONDS);
    assertThat(referenced).containsAll(segmentObjects(topic));
    assertThat(referenced.stream().filter(k -> k.contains("/" + topic + "/")))
        .allMatch(k -> SegmentKeys.baseOffsetOf(k) >= 5);
    // And a consumer with auto.offset.reset=earliest resumes at the new log start
    assertThat(firstOffsetRead("reset-earliest", tp, "earliest")).isEqualTo(5);
    // And one with auto.offset.reset=none is told its offset is out of range
    assertThatThrownBy(() -> firstOffsetRead("reset-none", tp, "none"))
        .isInstanceOf(OffsetOutOfRangeException.class);
  }

  @Test
  void shouldDeleteRecordsThroughTheAdminClient() throws Exception {
    // Given
    String topic = "trimmed";
    TopicPartition tp = new TopicPartition(topic, 0);
    createTopic(topic, Map.of());
    long now = System.currentTimeMillis();
    produce(topic, 10, now);

    // When
    long lowWatermark =
        admin
            .deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(7)))
            .lowWatermarks()
            .get(tp)
            .get(30, TimeUnit.SECONDS)
            .lowWatermark();

    // Then the earliest offset moved and the segments below it are gone
    assertThat(lowWatermark).isEqualTo(7);
    assertThat(earliest(tp)).isEqualTo(7);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(segmentObjects(topic)).hasSize(3));
    assertThat(segmentKeysInMetadata(topic)).isEqualTo(3);
    // And a fetch below it resets to it
    commit("below-log-start", tp, 3);
    assertThat(firstOffsetRead("below-log-start", tp, "earliest")).isEqualTo(7);
  }

  @Test
  void shouldDeleteATopicsObjectsInTheBackgroundAndCollectOrphansButNothingReferenced()
      throws Exception {
    // Given a live topic, a deleted one, and an orphan of a failed flush
    createTopic("kept", Map.of());
    produce("kept", 3, System.currentTimeMillis());
    createTopic("dropped", Map.of());
    produce("dropped", 3, System.currentTimeMillis());
    List<String> kept = segmentObjects("kept");
    String orphan = SegmentKeys.segmentKey(NAMESPACE, "kept", 0, 3, 1, "failed-flush");
    bucket.put(orphan, ByteBuffer.wrap(new byte[64])).get(10, TimeUnit.SECONDS);

    // When the topic is deleted
    admin.deleteTopics(List.of("dropped")).all().get(30, TimeUnit.SECONDS);

    // Then its objects go in the background
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(segmentObjects("dropped")).isEmpty());

    // When a collector (grace 0, so two passes suffice) runs against the live cluster's stores
    try (OrphanCollector gc =
        new OrphanCollector(
            bucket,
            new SegmentReferences(metadata, KeyLayout.defaults()),
            new OrphanCandidates(NAMESPACE),
            new ClusterMarker(bucket, NAMESPACE, clusterId()),
            new OrphanGcConfig(Duration.ofMinutes(10), Duration.ZERO),
            () -> true,
            (delay, task) -> () -> {},
            Clock.systemUTC(),
            new SimpleMeterRegistry())) {
      assertThat(gc.runOnce().get(30, TimeUnit.SECONDS).deleted()).isZero();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                gc.runOnce().get(30, TimeUnit.SECONDS);
                assertThat(segmentObjects("kept")).doesNotContain(orphan);
              });
    }

    // Then only the orphan is gone
    assertThat(segmentObjects("kept")).isEqualTo(kept);
  }

  /** The live cluster's id, as the broker created it in the metadata store. */
  private static String clusterId() throws Exception {
    return ProtoCodec.decodeClusterInfo(
            metadata
                .get(KeyLayout.defaults().clusterInfo())
                .get(10, TimeUnit.SECONDS)
                .orElseThrow()
                .value())
        .clusterId();
  }

  private static void createTopic(String topic, Map<String, String> configs) throws Exception {
    admin
        .createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(configs)))
        .all()
        .get(30, TimeUnit.SECONDS);
  }

  /** Sends {@code count} records one at a time: each is flushed as its own segment. */
  private static void produce(String topic, int count, long timestamp) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG,
                "0"),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < count; i++) {
        producer
            .send(new ProducerRecord<>(topic, 0, timestamp, "k" + i, "v" + i))
            .get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static long earliest(TopicPartition tp) throws Exception {
    return admin
        .listOffsets(Map.of(tp, OffsetSpec.earliest()))
        .partitionResult(tp)
        .get(30, TimeUnit.SECONDS)
        .offset();
  }

  /** Segment objects of the topic in the bucket, oldest first (keys sort by base offset). */
  private static List<String> segmentObjects(String topic) throws Exception {
    return bucket.list(NAMESPACE + "/" + topic + "/").get(30, TimeUnit.SECONDS).stream()
        .map(ObjectInfo::key)
        .filter(k -> k.endsWith(".kfs"))
        .sorted()
        .collect(Collectors.toCollection(ArrayList::new));
  }

  private static int segmentKeysInMetadata(String topic) throws Exception {
    return metadata
        .getPrefix(KeyLayout.defaults().segmentsPrefix(topic, 0))
        .get(10, TimeUnit.SECONDS)
        .size();
  }

  private static KafkaConsumer<String, String> consumer(String group, String reset) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            group,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            reset,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            "false"),
        new StringDeserializer(),
        new StringDeserializer());
  }

  private static void commit(String group, TopicPartition tp, long offset) {
    try (KafkaConsumer<String, String> consumer = consumer(group, "earliest")) {
      consumer.assign(List.of(tp));
      consumer.commitSync(Map.of(tp, new OffsetAndMetadata(offset)), Duration.ofSeconds(30));
    }
  }

  /** Offset of the first record a consumer of {@code group} reads from its committed position. */
  private static long firstOffsetRead(String group, TopicPartition tp, String reset) {
    try (KafkaConsumer<String, String> consumer = consumer(group, reset)) {
      consumer.assign(List.of(tp));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          return r.offset();
        }
      }
      throw new AssertionError("no record read by " + group);
    }
  }
}
