/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafscale.console.Console;
import io.kafscale.console.service.MetadataReader;
import io.kafscale.console.testing.ConsoleClient;
import io.kafscale.console.testing.ConsoleClient.Answer;
import io.kafscale.console.testing.ConsoleTestConfig;
import io.kafscale.storage.testing.FreePorts;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console pointed at a bootstrap address where nothing listens: 503s, never invented data. */
class ConsoleUnavailableIT {
  private static Console console;

  @BeforeAll
  static void start() {
    int dead = FreePorts.next();
    console =
        Console.start(
            ConsoleTestConfig.of(
                "127.0.0.1:" + dead,
                FreePorts.next(),
                Map.of("KAFSCALE_CONSOLE_KAFKA_TIMEOUT_MS", "800")),
            MetadataReader.NONE);
  }

  @AfterAll
  static void stop() {
    if (console != null) {
      console.close();
    }
  }

  @Test
  void shouldAnswer503ClusterUnavailableForEveryKafkaBackedEndpoint() {
    ConsoleClient c = new ConsoleClient(console.port());
    assertThat(c.login("admin", "pw").status()).isEqualTo(200);
    for (String path :
        new String[] {
          "/api/v1/topics",
          "/api/v1/topics/t",
          "/api/v1/groups",
          "/api/v1/groups/g",
          "/api/v1/brokers",
          "/api/v1/brokers/0",
          "/api/v1/topics/t/messages"
        }) {
      Answer a = c.get(path);
      assertThat(a.status()).as(path + " " + a.body()).isEqualTo(503);
      assertThat(a.errorCode()).isEqualTo("CLUSTER_UNAVAILABLE");
      assertThat(a.json().path("error").path("message").asText()).isNotBlank();
    }
    assertThat(c.post("/api/v1/topics", Map.of("name", "t", "partitions", 1)).status())
        .isEqualTo(503);
    assertThat(c.post("/api/v1/topics/t/messages", Map.of("value", "v")).status()).isEqualTo(503);
    assertThat(c.get("/api/v1/topics/t/partitions/0/segments").errorCode())
        .isEqualTo("CLUSTER_UNAVAILABLE");
  }

  @Test
  void shouldReportUnhealthySourcesInTheOverviewWithoutInventingData() {
    ConsoleClient c = new ConsoleClient(console.port());
    c.login("admin", "pw");
    Answer a = c.get("/api/v1/overview");
    assertThat(a.status()).isEqualTo(200);
    JsonNode o = a.json();
    assertThat(o.get("health").get("kafka").get("ok").asBoolean()).isFalse();
    assertThat(o.get("health").get("kafka").get("message").asText()).isNotBlank();
    assertThat(o.get("health").get("metadataStore").get("ok").asBoolean()).isFalse();
    assertThat(o.get("clusterId").isNull()).isTrue();
    assertThat(o.get("topics").isNull()).isTrue();
    assertThat(o.get("rates").isNull()).isTrue();
    assertThat(o.get("brokers")).isEmpty();
  }

  @Test
  void shouldBeLiveButNotReadyWithoutSessionWhileKafkaDoesNotAnswer() {
    // Given
    ConsoleClient anonymous = new ConsoleClient(console.port());

    // When
    Answer health = anonymous.get("/healthz");
    Answer ready = anonymous.get("/readyz");

    // Then
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("ok");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.body()).startsWith("not ready: Kafka AdminClient");
  }
}
