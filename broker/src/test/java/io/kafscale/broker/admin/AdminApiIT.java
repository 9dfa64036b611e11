/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.testing.BrokerFixture;
import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.model.BrokerRecord;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON admin API and the admin-port registration of a running broker. */
class AdminApiIT {
  private static BrokerFixture broker;
  private static HttpClient http;

  @BeforeAll
  static void startBrokerAndProduce() throws Exception {
    broker = BrokerFixture.start(Map.of("KAFSCALE_BROKER_RACK", "rack-a"));
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic("audited", 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>("audited", "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
      }
    }
  }

  @AfterAll
  static void stop() {
    http.close();
    broker.close();
  }

  @Test
  void shouldRegisterTheBoundAdminPortInTheBrokersRecord() throws Exception {
    // Given
    Metadata metadata = broker.broker().metadata();
    int id = broker.broker().brokerId();
    // When
    BrokerRecord registered =
        ProtoCodec.decodeBroker(
            metadata
                .store()
                .get(metadata.keys().broker(id))
                .get(10, TimeUnit.SECONDS)
                .orElseThrow()
                .value());
    // Then
    assertThat(registered.adminPort()).isEqualTo(broker.adminPort()).isPositive();
    assertThat(registered.adminAddress()).contains("127.0.0.1:" + broker.adminPort());
  }

  @Test
  void shouldDescribeTheBroker() throws Exception {
    // When
    HttpResponse<String> response = get("/api/v1/broker");
    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue(AdminHttpHandler.JSON);
    assertThat(response.body())
        .contains("\"brokerId\":" + broker.broker().brokerId())
        .contains("\"host\":\"127.0.0.1\"")
        .contains("\"port\":" + broker.kafkaPort())
        .contains("\"adminPort\":" + broker.adminPort())
        .contains("\"rack\":\"rack-a\"")
        .contains("\"ready\":true")
        .contains("\"controller\":true")
        .contains("\"objectStore\":\"file:")
        .contains("\"metadataStore\":\"embedded:")
        .containsPattern("\"startedAtMs\":\\d{13}")
        .containsPattern("\"uptimeMs\":\\d+")
        .containsPattern("\"ownedPartitions\":[1-9]\\d*");
  }

  @Test
  void shouldListOwnedPartitionsWithOffsetsSizeAndFlushState() throws Exception {
    // When
    HttpResponse<String> response = get("/api/v1/partitions");
    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .startsWith("{\"brokerId\":" + broker.broker().brokerId() + ",\"partitions\":[")
        .containsPattern(
            "\\{\"topic\":\"audited\",\"partition\":0,\"epoch\":\\d+,\"logStartOffset\":0,"
                + "\"highWatermark\":10,\"lastStableOffset\":10,\"sizeBytes\":[1-9]\\d*,"
                + "\"segments\":[1-9]\\d*,\"flush\":\\{\"pendingBytes\":0,\"pendingBatches\":0,"
                + "\"oldestPendingAgeMs\":null,\"flushing\":false,\"lastFlushAtMs\":\\d{13}\\}\\}");
  }

  @Test
  void shouldListTheStoredSegmentsOfAPartition() throws Exception {
    // When
    HttpResponse<String> response = get("/api/v1/partitions/audited/0/segments");
    HttpResponse<String> unknown = get("/api/v1/partitions/nothing/0/segments");
    HttpResponse<String> outOfRange = get("/api/v1/partitions/audited/7/segments");
    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .startsWith("{\"topic\":\"audited\",\"partition\":0,\"segments\":[{\"baseOffset\":0,")
        .containsPattern("\"objectKey\":\"[^\"]+\\.kfs\"")
        .containsPattern("\"createdAtMs\":\\d{13}")
        .contains("\"compacted\":false");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"unknown_partition\"}");
    assertThat(outOfRange.statusCode()).isEqualTo(404);
  }

  @Test
  void shouldReportHealthyStoresAndReadiness() throws Exception {
    // When
    HttpResponse<String> health = get("/api/v1/health");
    HttpResponse<String> ready = get("/readyz");
    // Then
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body())
        .matches(
            "\\{\"objectStore\":\\{\"ok\":true,\"latencyMs\":\\d+,\"message\":null,"
                + "\"checkedAtMs\":\\d{13}\\},\"metadataStore\":\\{\"ok\":true,\"latencyMs\":\\d+,"
                + "\"message\":null,\"checkedAtMs\":\\d{13}\\}\\}");
    assertThat(ready.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldReportCacheStatistics() throws Exception {
    // When
    HttpResponse<String> response = get("/api/v1/cache");
    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .containsPattern("\"hits\":\\d+,\"misses\":\\d+,\"hitRatio\":(null|[0-9.E-]+),")
        .contains("\"capacityBytes\":" + broker.config().storage().cacheBytes());
  }

  @Test
  void shouldAnswerUnknownApiPathsWithJsonNotFound() throws Exception {
    // When
    HttpResponse<String> response = get("/api/v1/nope");
    // Then
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"error\":\"not_found\"}");
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(broker.adminUri(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
