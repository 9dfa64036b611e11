/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.testing.BrokerFixture;
import io.kafscale.storage.testing.S3MockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class BrokerS3IT {

  @Test
  void shouldStoreRecordsInS3AndReadThemBackAfterARestart() throws Exception {
    try (S3MockServer s3 = S3MockServer.create("broker-s3-it").start();
        BrokerFixture broker =
            BrokerFixture.start(BrokerFixture.s3Env(s3.endpoint().toString(), s3.bucket()))) {
      // Given
      assertThat(broker.broker().objectStoreKind()).startsWith("s3://broker-s3-it");
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
              new StringSerializer(),
              new StringSerializer())) {
        for (int i = 0; i < 10; i++) {
          producer
              .send(new ProducerRecord<>("s3-topic", "k" + i, "v" + i))
              .get(30, TimeUnit.SECONDS);
        }
      }

      // When: a new broker on the same metadata reads the segments from S3
      broker.restart();

      // Then
      assertThat(consumeAll(broker, 10))
          .extracting(ConsumerRecord::offset)
          .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }
  }

  private static List<ConsumerRecord<String, String>> consumeAll(BrokerFixture broker, int count) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new StringDeserializer(),
            new StringDeserializer())) {
      TopicPartition tp = new TopicPartition("s3-topic", 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }
}
