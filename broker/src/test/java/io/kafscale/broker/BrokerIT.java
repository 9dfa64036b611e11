/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.broker.config.BrokerConfig;
import io.kafscale.broker.testing.BrokerFixture;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerIT {

  @Test
  void shouldServeKafkaClientsAndAdminEndpoints() throws Exception {
    try (BrokerFixture fixture = BrokerFixture.start();
        Admin admin = admin(fixture);
        HttpClient http = HttpClient.newHttpClient()) {
      // When
      var cluster = admin.describeCluster();
      admin
          .createTopics(List.of(new NewTopic("orders", 2, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);

      // Then
      assertThat(cluster.nodes().get(30, TimeUnit.SECONDS))
          .singleElement()
          .satisfies(node -> assertThat(node.port()).isEqualTo(fixture.kafkaPort()));
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("orders");
      assertThat(status(http, fixture, "/readyz")).isEqualTo(200);
      assertThat(status(http, fixture, "/healthz")).isEqualTo(200);
    }
  }

  @Test
  void shouldKeepTopicsAcrossARestartOnTheSameDataDirectory() throws Exception {
    try (BrokerFixture fixture = BrokerFixture.start()) {
      // Given
      try (Admin admin = admin(fixture)) {
        admin
            .createTopics(List.of(new NewTopic("kept", 1, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }

      // When
      fixture.restart();

      // Then
      try (Admin admin = admin(fixture)) {
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("kept");
      }
    }
  }

  @Test
  void shouldFailToStartWhenTheConfiguredS3IsUnreachable(@TempDir Path dataDir) throws Exception {
    // Given: an endpoint on a loopback port nobody listens on
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    Map<String, String> env =
        Map.of(
            "KAFSCALE_DATA_DIR", dataDir.toString(),
            "KAFSCALE_BROKER_ADDR", "127.0.0.1:0",
            "KAFSCALE_METRICS_ADDR", "127.0.0.1:0",
            "KAFSCALE_S3_BUCKET", "missing",
            "KAFSCALE_S3_ENDPOINT", "http://127.0.0.1:" + deadPort,
            "KAFSCALE_S3_PATH_STYLE", "true",
            "KAFSCALE_S3_ACCESS_KEY", "a",
            "KAFSCALE_S3_SECRET_KEY", "b");

    // When / Then
    assertThatThrownBy(() -> Broker.start(BrokerConfig.load(env)))
        .isInstanceOf(BrokerStartException.class)
        .hasMessageContaining("S3 object store unreachable")
        .hasMessageContaining("s3://missing")
        .hasMessageNotContaining("b\"");
    assertThat(Files.exists(dataDir.resolve("metadata"))).isFalse();
  }

  @Test
  void shouldStopServingAfterClose() throws Exception {
    // Given
    BrokerFixture fixture = BrokerFixture.start();
    Broker broker = fixture.broker();
    int port = fixture.kafkaPort();

    // When
    fixture.close();

    // Then
    assertThat(broker.isReady()).isFalse();
    assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port).close())
        .isInstanceOf(java.io.IOException.class);
    assertThat(Set.of(broker.objectStoreKind())).allSatisfy(k -> assertThat(k).startsWith("file:"));
  }

  private static Admin admin(BrokerFixture fixture) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
  }

  private static int status(HttpClient http, BrokerFixture fixture, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(fixture.adminUri(path)).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
