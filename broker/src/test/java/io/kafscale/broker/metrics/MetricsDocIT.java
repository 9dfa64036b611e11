/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.testing.BrokerFixture;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class MetricsDocIT {
  /**
   * Meters that only exist after a failure (their tags name the failure) or for committing groups;
   * the rest must all show up after ordinary produce and fetch traffic.
   */
  private static final Set<String> FAILURE_ONLY =
      Set.of(
          "kafscale.storage.flush.failures",
          "kafscale.produce.partition.errors",
          "kafscale.fetch.partition.errors",
          // Consumer lag: needs a group with committed offsets (and, per partition, an opt-in).
          "kafscale.consumer.lag",
          "kafscale.consumer.partition.lag",
          // Need another broker, or a SASL listener / refused connection (see
          // PrometheusCatalogueIT, which exercises and checks the rest strictly).
          "kafscale.interbroker.requests",
          "kafscale.interbroker.request.latency",
          "kafscale.authentications",
          "kafscale.connections.refused");

  @Test
  void shouldExposeEveryDocumentedMeterOnMetrics() throws Exception {
    try (BrokerFixture broker = BrokerFixture.start();
        HttpClient http = HttpClient.newHttpClient()) {
      // Given: some traffic through every layer, reads after a restart
      produceAndConsume(broker);

      // When
      String scrape =
          http.send(
                  HttpRequest.newBuilder(broker.adminUri("/metrics")).GET().build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();

      // Then
      List<String> lines = scrape.lines().filter(l -> !l.startsWith("#")).toList();
      for (MetricsDocs.Entry entry : MetricsDocs.entries()) {
        if (FAILURE_ONLY.contains(entry.name())) {
          continue;
        }
        assertThat(lines)
            .as("documented meter %s on /metrics", entry.name())
            .anySatisfy(line -> assertThat(line).startsWith(entry.prometheusPrefix()));
      }
    }
  }

  private static void produceAndConsume(BrokerFixture broker) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic("metered", 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    produce(broker);
    // After a restart the first segments are no longer in memory: fetches read them from the
    // store. Producing again afterwards puts the produce-side meters into the new registry.
    broker.restart();
    produce(broker);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new StringDeserializer())) {
      TopicPartition tp = new TopicPartition("metered", 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      int read = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (read < 20 && System.nanoTime() < deadline) {
        read += consumer.poll(Duration.ofMillis(500)).count();
      }
      assertThat(read).isEqualTo(20);
    }
  }

  private static void produce(BrokerFixture broker) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>("metered", "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
      }
    }
  }
}
