/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerFixture;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The "the Prometheus output parses and contains every catalogued meter": a broker that
 * served produce, fetch (also from the object store, after a restart) and a consumer group with
 * committed offsets is scraped over HTTP, the text is parsed strictly, and every meter of the
 * catalogues ({@link MetricsDocs#entries()}: broker, API and storage) must have a series.
 */
class PrometheusCatalogueIT {
  /** Meters whose series only exist after an event this test does not cause, with the reason. */
  private static final Map<String, String> NEEDS_ANOTHER_EVENT =
      Map.of(
          "kafscale.storage.flush.failures", "tagged by the cause of a failed flush",
          "kafscale.produce.partition.errors", "tagged by the Kafka error of a failed produce",
          "kafscale.fetch.partition.errors", "tagged by the Kafka error of a failed fetch",
          "kafscale.interbroker.requests", "needs a request to another broker (one broker here)",
          "kafscale.interbroker.request.latency", "needs a request to another broker",
          "kafscale.authentications", "needs a SASL listener (this broker has plaintext only)",
          "kafscale.connections.refused", "tagged by the reason a connection was refused");

  private static final String TOPIC = "catalogued";
  private static final String GROUP = "catalogue-readers";

  @Test
  void shouldExposeEveryCataloguedMeterInParseablePrometheusText() throws Exception {
    try (BrokerFixture broker =
            BrokerFixture.start(
                Map.of(
                    "KAFSCALE_LAG_INTERVAL_MS", "200",
                    "KAFSCALE_LAG_METRICS_PER_PARTITION", "true"));
        HttpClient http = HttpClient.newHttpClient()) {
      // Given traffic through every layer: produce, a restart (later fetches read the object
      // store), produce again, a consumer group that commits
      createTopic(broker);
      produce(broker);
      broker.restart();
      produce(broker);
      consumeAndCommit(broker);
      List<String> meters = MetricsDocs.entries().stream().map(MetricsDocs.Entry::name).toList();

      // When / Then (lag is computed every 200 ms: wait for its series)
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                PrometheusText.Exposition scrape = PrometheusText.parse(scrape(http, broker));
                Set<String> present = new TreeSet<>();
                for (PrometheusText.Sample s : scrape.samples()) {
                  PrometheusText.meterOf(s.name(), meters).ifPresent(present::add);
                }
                Set<String> missing = new TreeSet<>(meters);
                missing.removeAll(present);
                missing.removeAll(NEEDS_ANOTHER_EVENT.keySet());
                assertThat(missing).as("catalogued meters without a series").isEmpty();
              });
    }
  }

  @Test
  void shouldCountObjectStorePutsAndGetsUnderTheNamesTheConsoleReads() throws Exception {
    try (BrokerFixture broker = BrokerFixture.start();
        HttpClient http = HttpClient.newHttpClient()) {
      // Given
      createTopic(broker);
      produce(broker);
      broker.restart();
      consumeAndCommit(broker);
      // When
      PrometheusText.Exposition scrape = PrometheusText.parse(scrape(http, broker));
      // Then
      assertThat(scrape.samples())
          .anySatisfy(
              s -> {
                assertThat(s.name()).isEqualTo("kafscale_objectstore_requests_total");
                assertThat(s.labels()).containsEntry("operation", "get");
                assertThat(s.value()).isPositive();
              });
      assertThat(scrape.types()).containsEntry("kafscale_objectstore_requests_total", "counter");
      assertThat(scrape.samples())
          .anySatisfy(
              s -> {
                assertThat(s.name()).isEqualTo("kafscale_metadata_requests_total");
                assertThat(s.labels())
                    .containsEntry("operation", "txn")
                    .containsEntry("outcome", "success");
              });
    }
  }

  private static String scrape(HttpClient http, BrokerFixture broker) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(broker.adminUri("/metrics")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static void createTopic(BrokerFixture broker) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static void produce(BrokerFixture broker) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(TOPIC, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static void consumeAndCommit(BrokerFixture broker) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                GROUP,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                // Stop before the end so the group has lag to report.
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      int read = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (read == 0 && System.nanoTime() < deadline) {
        read += consumer.poll(Duration.ofMillis(200)).count();
      }
      assertThat(read).isPositive();
      consumer.commitSync();
    }
  }
}
