/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.broker.testing.BrokerFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.LogTruncationException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
 * A real kafka-clients consumer validating its position with OffsetForLeaderEpoch (KIP-320) after
 * seeking with a leader epoch: a position inside the epoch is accepted, one past the end of an
 * older epoch is reported as log truncation.
 */
class OffsetForLeaderEpochIT {
  private static final TopicPartition TP = new TopicPartition("epochs", 0);

  private static BrokerFixture broker;
  private static Admin admin;
  private static int epoch;

  @BeforeAll
  static void startBrokerAndWriteTenRecords() throws Exception {
    broker = BrokerFixture.start();
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    admin.createTopics(List.of(new NewTopic(TP.topic(), 1, (short) 1))).all().get();
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(TP.topic(), 0, "k" + i, "v" + i)).get();
      }
    }
    epoch =
        admin
            .listOffsets(Map.of(TP, OffsetSpec.latest()))
            .partitionResult(TP)
            .get()
            .leaderEpoch()
            .orElseThrow();
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

  private static KafkaConsumer<String, String> consumer() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }

  @Test
  void shouldAcceptAPositionInsideTheCurrentEpoch() {
    try (KafkaConsumer<String, String> consumer = consumer()) {
      // Given
      consumer.assign(List.of(TP));
      // When
      consumer.seek(TP, new OffsetAndMetadata(5, Optional.of(epoch), ""));
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (records.size() < 5 && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      // Then
      assertThat(records).extracting(ConsumerRecord::offset).containsExactly(5L, 6L, 7L, 8L, 9L);
    }
  }

  @Test
  void shouldReportTruncationForAPositionPastTheEndOfAnOlderEpoch() {
    // Given an older epoch that, as far as this log knows, ended before offset 0
    assertThat(epoch).isPositive();
    try (KafkaConsumer<String, String> consumer = consumer()) {
      consumer.assign(List.of(TP));
      // When
      consumer.seek(TP, new OffsetAndMetadata(5, Optional.of(epoch - 1), ""));
      // Then
      assertThatThrownBy(
              () -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < deadline) {
                  consumer.poll(Duration.ofMillis(200));
                }
              })
          .isInstanceOfSatisfying(
              LogTruncationException.class,
              e ->
                  assertThat(e.divergentOffsets())
                      .containsEntry(TP, new OffsetAndMetadata(0, Optional.of(epoch - 1), "")));
    }
  }
}
