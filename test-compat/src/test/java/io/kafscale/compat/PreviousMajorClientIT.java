/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** kafka-clients 3.9 (the previous major) against the broker jar: admin, producer, consumer. */
class PreviousMajorClientIT {
  private static final int RECORDS = 1_000;
  private static final long BASE_TIMESTAMP = 1_700_000_000_000L;

  @TempDir static Path tmp;
  private static BrokerJarProcess broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = new BrokerJarProcess(tmp.resolve("data")).start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldRunWithThePreviousMajorClient() {
    assertThat(AppInfoParser.getVersion()).startsWith("3.9.");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
  void shouldRoundTripRecordsWithIdempotentProducerAndAssignedConsumer(String codec)
      throws Exception {
    // Given
    String topic = "compat-" + codec;
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(topic);
    }

    // When
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = producer(codec)) {
      for (int i = 0; i < RECORDS; i++) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("i", bytes(Integer.toString(i)));
        acks.add(
            producer.send(
                new ProducerRecord<>(
                    topic,
                    0,
                    BASE_TIMESTAMP + i * 10L,
                    bytes("key-" + i),
                    bytes(value(i)),
                    headers)));
      }
      producer.flush();
    }

    // Then
    for (int i = 0; i < RECORDS; i++) {
      assertThat(acks.get(i).get(30, TimeUnit.SECONDS).offset()).isEqualTo(i);
    }
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, 0);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ZERO)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).records(partition).forEach(records::add);
                return records.size() >= RECORDS;
              });
      assertThat(records).hasSize(RECORDS);
      for (int i = 0; i < RECORDS; i++) {
        ConsumerRecord<byte[], byte[]> record = records.get(i);
        assertThat(record.offset()).isEqualTo(i);
        assertThat(record.timestamp()).isEqualTo(BASE_TIMESTAMP + i * 10L);
        assertThat(string(record.key())).isEqualTo("key-" + i);
        assertThat(string(record.value())).isEqualTo(value(i));
        assertThat(string(record.headers().lastHeader("i").value())).isEqualTo(Integer.toString(i));
      }

      Map<TopicPartition, OffsetAndTimestamp> byTime =
          consumer.offsetsForTimes(
              Map.of(partition, BASE_TIMESTAMP + 5_005L), Duration.ofSeconds(30));
      assertThat(byTime.get(partition).offset()).isEqualTo(501);
      assertThat(byTime.get(partition).timestamp()).isEqualTo(BASE_TIMESTAMP + 5_010L);
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(String codec) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static KafkaConsumer<byte[], byte[]> consumer() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static String value(int i) {
    return "compat-" + i + "-" + "xyz".repeat(20);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String string(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
