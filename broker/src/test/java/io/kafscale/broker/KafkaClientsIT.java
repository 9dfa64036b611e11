/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.broker.testing.BrokerFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real kafka-clients 4.x (admin, default idempotent producer, assign() consumer) against an
 * in-process broker.
 */
class KafkaClientsIT {
  private static final int RECORDS = 300;
  private static final long BASE_TS = 1_700_000_000_000L;

  private static BrokerFixture broker;
  private static Admin admin;

  @BeforeAll
  static void startBroker() {
    broker = BrokerFixture.start();
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  @AfterAll
  static void stopBroker() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldCreateDescribeGrowAndDeleteTopicsWithAdminClient() throws Exception {
    // Given
    admin
        .createTopics(
            List.of(
                new NewTopic("admin-topic", 2, (short) 1)
                    .configs(Map.of("retention.ms", "3600000"))))
        .all()
        .get();
    // When
    TopicDescription described =
        admin.describeTopics(List.of("admin-topic")).allTopicNames().get().get("admin-topic");
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "admin-topic");
    Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
    admin.createPartitions(Map.of("admin-topic", NewPartitions.increaseTo(4))).all().get();
    TopicDescription grown =
        admin.describeTopics(List.of("admin-topic")).allTopicNames().get().get("admin-topic");
    ConfigResource brokerResource =
        new ConfigResource(
            ConfigResource.Type.BROKER, Integer.toString(broker.broker().brokerId()));
    Config brokerConfig =
        admin.describeConfigs(List.of(brokerResource)).all().get().get(brokerResource);
    // Then
    assertThat(described.topicId()).isNotNull();
    assertThat(described.partitions())
        .hasSize(2)
        .allSatisfy(p -> assertThat(p.leader()).isNotNull());
    ConfigEntry retention = config.get("retention.ms");
    assertThat(retention.value()).isEqualTo("3600000");
    assertThat(retention.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
    assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
    assertThat(grown.partitions()).hasSize(4);
    assertThat(brokerConfig.entries()).isNotEmpty();
    assertThat(admin.describeCluster().clusterId().get()).isNotBlank();
    assertThatThrownBy(
            () -> admin.createTopics(List.of(new NewTopic("rf3", 1, (short) 3))).all().get())
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(InvalidReplicationFactorException.class);

    // When
    admin.deleteTopics(List.of("admin-topic")).all().get();
    // Then
    Set<String> names = admin.listTopics().names().get();
    assertThat(names).doesNotContain("admin-topic");
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
  void shouldProduceAndConsumeEveryRecordExactlyWithCodec(String codec) throws Exception {
    // Given
    String topic = "codec-" + codec;
    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    TopicPartition tp = new TopicPartition(topic, 0);

    // When: a default (idempotent, acks=all) producer sends with the codec
    List<RecordMetadata> acks = produce(topic, codec);

    // Then: dense offsets from 0
    for (int i = 0; i < RECORDS; i++) {
      assertThat(acks.get(i).offset()).isEqualTo(i);
    }
    try (KafkaConsumer<String, String> consumer = consumer()) {
      consumer.assign(List.of(tp));
      assertThat(consumer.beginningOffsets(List.of(tp))).containsEntry(tp, 0L);
      assertThat(consumer.endOffsets(List.of(tp))).containsEntry(tp, (long) RECORDS);

      consumer.seekToBeginning(List.of(tp));
      List<ConsumerRecord<String, String>> all = poll(consumer, RECORDS);
      for (int i = 0; i < RECORDS; i++) {
        ConsumerRecord<String, String> r = all.get(i);
        assertThat(r.offset()).isEqualTo(i);
        assertThat(r.key()).isEqualTo("key-" + i);
        assertThat(r.value()).isEqualTo("value-" + i + "-" + codec);
        assertThat(r.timestamp()).isEqualTo(BASE_TS + i * 10L);
        assertThat(new String(r.headers().lastHeader("h").value(), StandardCharsets.UTF_8))
            .isEqualTo("hv-" + i);
      }

      // offsetsForTimes: the first record at or after the timestamp
      Map<TopicPartition, OffsetAndTimestamp> byTime =
          consumer.offsetsForTimes(Map.of(tp, BASE_TS + 505));
      assertThat(byTime.get(tp).offset()).isEqualTo(51);
      assertThat(byTime.get(tp).timestamp()).isEqualTo(BASE_TS + 510);

      // A fetch in the middle of a batch returns records from exactly that offset
      consumer.seek(tp, 77);
      List<ConsumerRecord<String, String>> fromMiddle = poll(consumer, RECORDS - 77);
      assertThat(fromMiddle.getFirst().offset()).isEqualTo(77);
      assertThat(fromMiddle.getLast().offset()).isEqualTo(RECORDS - 1);
    }
  }

  private static List<RecordMetadata> produce(String topic, String codec) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    List<Future<RecordMetadata>> futures = new ArrayList<>();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < RECORDS; i++) {
        ProducerRecord<String, String> record =
            new ProducerRecord<>(
                topic, 0, BASE_TS + i * 10L, "key-" + i, "value-" + i + "-" + codec);
        record.headers().add("h", ("hv-" + i).getBytes(StandardCharsets.UTF_8));
        futures.add(producer.send(record));
      }
      producer.flush();
      // Several records per batch, so that offset 77 lies inside a batch.
      double recordsPerRequest =
          producer.metrics().entrySet().stream()
              .filter(
                  e ->
                      e.getKey().name().equals("records-per-request-avg")
                          && e.getKey().group().equals("producer-metrics"))
              .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
              .findFirst()
              .orElse(0);
      assertThat(recordsPerRequest).isGreaterThan(1);
      List<RecordMetadata> acks = new ArrayList<>();
      for (Future<RecordMetadata> f : futures) {
        acks.add(f.get());
      }
      return acks;
    }
  }

  private static KafkaConsumer<String, String> consumer() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }

  private static List<ConsumerRecord<String, String>> poll(
      KafkaConsumer<String, String> consumer, int count) {
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (out.size() < count && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(out::add);
    }
    assertThat(out).hasSize(count);
    return out;
  }
}
