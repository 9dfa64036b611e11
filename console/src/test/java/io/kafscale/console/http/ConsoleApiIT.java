/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafscale.broker.testing.BrokerFixture;
import io.kafscale.console.Console;
import io.kafscale.console.service.StoreMetadataReader;
import io.kafscale.console.testing.ConsoleClient;
import io.kafscale.console.testing.ConsoleClient.Answer;
import io.kafscale.console.testing.ConsoleTestConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every console endpoint over real HTTP against a real in-process broker: sessions, CSRF, read-only
 * mode, static assets, topics, messages, groups, brokers, overview, metrics and events.
 */
class ConsoleApiIT {
  private static BrokerFixture broker;
  private static Console console;
  private static Console readOnlyConsole;

  @BeforeAll
  static void start() {
    broker = BrokerFixture.start();
    var md = broker.broker().metadata();
    var reader = new StoreMetadataReader(md.store(), md.keys(), Duration.ofSeconds(3));
    console =
        Console.start(
            ConsoleTestConfig.of(broker.bootstrapServers(), broker.adminPort(), Map.of()), reader);
    readOnlyConsole =
        Console.start(
            ConsoleTestConfig.of(
                broker.bootstrapServers(),
                broker.adminPort(),
                Map.of("KAFSCALE_CONSOLE_READ_ONLY", "true")),
            reader);
  }

  @AfterAll
  static void stop() {
    if (readOnlyConsole != null) {
      readOnlyConsole.close();
    }
    if (console != null) {
      console.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static ConsoleClient loggedIn() {
    ConsoleClient c = new ConsoleClient(console.port());
    assertThat(c.login("admin", "pw").status()).isEqualTo(200);
    return c;
  }

  @Test
  void shouldLogInCheckSessionsAndLogOut() {
    // Given
    ConsoleClient c = new ConsoleClient(console.port());

    // When
    long start = System.nanoTime();
    Answer bad = c.login("admin", "wrong");
    long badMs = (System.nanoTime() - start) / 1_000_000;
    Answer anonymous = c.get("/api/v1/session");
    Answer good = c.login("admin", "pw");

    // Then
    assertThat(bad.status()).isEqualTo(401);
    assertThat(bad.errorCode()).isEqualTo("UNAUTHENTICATED");
    assertThat(badMs).isGreaterThanOrEqualTo(200);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(good.status()).isEqualTo(200);
    assertThat(good.headers().firstValue("set-cookie").orElseThrow())
        .contains("KAFSCALE_SESSION=")
        .contains("HttpOnly")
        .contains("SameSite=Strict");
    assertThat(good.json().get("readOnly").asBoolean()).isFalse();
    assertThat(c.get("/api/v1/session").json().get("user").asText()).isEqualTo("admin");
    assertThat(c.postWithoutCsrf("/api/v1/logout", Map.of()).errorCode()).isEqualTo("CSRF");
    assertThat(c.post("/api/v1/logout", null).status()).isEqualTo(204);
    assertThat(c.get("/api/v1/session").status()).isEqualTo(401);
    assertThat(c.get("/api/v1/topics").status()).isEqualTo(401);
  }

  @Test
  void shouldAnswerProbesWithoutSessionEvenInReadOnlyMode() {
    // Given
    ConsoleClient anonymous = new ConsoleClient(console.port());
    ConsoleClient readOnlyAnonymous = new ConsoleClient(readOnlyConsole.port());

    // When
    Answer health = anonymous.get("/healthz");
    Answer ready = anonymous.get("/readyz");
    Answer readOnlyReady = readOnlyAnonymous.get("/readyz");
    Answer post = anonymous.send("POST", "/readyz", "{}", false);

    // Then
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("ok");
    assertThat(ready.status()).as(ready.body()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("ok");
    assertThat(readOnlyReady.status()).as(readOnlyReady.body()).isEqualTo(200);
    assertThat(post.status()).isEqualTo(405);
  }

  @Test
  void shouldRejectMalformedBodiesAndUnknownPaths() {
    ConsoleClient c = loggedIn();
    assertThat(c.send("POST", "/api/v1/topics", "{not json", true).errorCode())
        .isEqualTo("BAD_REQUEST");
    assertThat(c.get("/api/v1/nothing").status()).isEqualTo(404);
    assertThat(c.send("PUT", "/api/v1/topics", "{}", true).status()).isEqualTo(405);
    String big = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    assertThat(c.send("POST", "/api/v1/topics", big, true).status()).isEqualTo(413);
  }

  @Test
  void shouldServeTheUiAndWebJarsWithSecurityHeadersAndNoTraversal() {
    ConsoleClient c = new ConsoleClient(console.port());
    Answer index = c.get("/");
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
    assertThat(index.headers().firstValue("content-security-policy").orElseThrow())
        .contains("default-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(index.headers().firstValue("x-content-type-options")).contains("nosniff");
    Answer chart = c.get("/webjars/uplot/1.6.30/dist/uPlot.min.css");
    assertThat(chart.status()).isEqualTo(200);
    assertThat(chart.headers().firstValue("content-type").orElseThrow()).startsWith("text/css");
    assertThat(c.get("/static/..%2F..%2Flogback-test.xml").status()).isEqualTo(404);
    assertThat(c.get("/static/%2e%2e/logback-test.xml").status()).isEqualTo(404);
    assertThat(c.get("/webjars/../static/index.html").status()).isIn(200, 404);
    assertThat(c.get("/nothing-here").status()).isEqualTo(404);
  }

  @Test
  void shouldCreateDescribeConfigureGrowAndDeleteTopics() {
    // Given
    ConsoleClient c = loggedIn();

    // When
    Answer created =
        c.post(
            "/api/v1/topics",
            Map.of(
                "name",
                "orders.v1",
                "partitions",
                2,
                "configs",
                Map.of("retention.ms", "3600000")));

    // Then
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("partitions")).hasSize(2);
    assertThat(c.post("/api/v1/topics", Map.of("name", "orders.v1", "partitions", 1)).errorCode())
        .isEqualTo("CONFLICT");
    assertThat(c.post("/api/v1/topics", Map.of("partitions", 1)).errorCode())
        .isEqualTo("BAD_REQUEST");
    JsonNode list = c.get("/api/v1/topics").json();
    JsonNode row =
        StreamSupport.stream(list.spliterator(), false)
            .filter(t -> t.get("name").asText().equals("orders.v1"))
            .findFirst()
            .orElseThrow();
    assertThat(row.get("partitions").asInt()).isEqualTo(2);
    assertThat(row.get("overriddenConfigs").asInt()).isEqualTo(1);
    assertThat(row.get("sizeBytes").isNumber()).isTrue();

    JsonNode detail = c.get("/api/v1/topics/orders.v1").json();
    assertThat(detail.get("topicId").asText()).isNotBlank();
    assertThat(detail.get("configs").toString()).contains("retention.ms");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        c.get("/api/v1/topics/orders.v1")
                            .json()
                            .get("partitions")
                            .get(0)
                            .get("owner")
                            .isNumber())
                    .isTrue());

    Answer patched =
        c.patch(
            "/api/v1/topics/orders.v1/configs",
            Map.of("set", Map.of("cleanup.policy", "compact"), "delete", List.of("retention.ms")));
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(patched.body()).contains("compact");
    assertThat(c.patch("/api/v1/topics/orders.v1/configs", Map.of("set", Map.of())).errorCode())
        .isEqualTo("BAD_REQUEST");
    Answer invalid =
        c.patch("/api/v1/topics/orders.v1/configs", Map.of("set", Map.of("retention.ms", "soon")));
    assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);

    Answer grown = c.post("/api/v1/topics/orders.v1/partitions", Map.of("count", 3));
    assertThat(grown.status()).as(grown.body()).isEqualTo(200);
    assertThat(grown.json().get("partitions")).hasSize(3);
    assertThat(c.post("/api/v1/topics/orders.v1/partitions", Map.of("count", 1)).status())
        .isEqualTo(400);

    assertThat(c.delete("/api/v1/topics/orders.v1").status()).isEqualTo(204);
    assertThat(c.get("/api/v1/topics/orders.v1").errorCode()).isEqualTo("NOT_FOUND");
    assertThat(c.delete("/api/v1/topics/orders.v1").errorCode()).isEqualTo("NOT_FOUND");
    assertThat(c.post("/api/v1/topics/missing/partitions", Map.of("count", 3)).errorCode())
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void shouldProduceBrowseNewestFirstAndListSegments() {
    // Given
    ConsoleClient c = loggedIn();
    assertThat(c.post("/api/v1/topics", Map.of("name", "browse", "partitions", 1)).status())
        .isEqualTo(201);

    // When
    for (int i = 0; i < 3; i++) {
      Answer p =
          c.post(
              "/api/v1/topics/browse/messages",
              Map.of("key", "k" + i, "value", "{\"n\":" + i + "}", "headers", Map.of("h", "v")));
      assertThat(p.status()).as(p.body()).isEqualTo(200);
      assertThat(p.json().get("offset").asLong()).isEqualTo(i);
    }

    // Then
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(c.get("/api/v1/topics/browse/messages").json().get("messages"))
                    .hasSize(3));
    JsonNode msgs =
        c.get("/api/v1/topics/browse/messages?partition=0&format=json").json().get("messages");
    assertThat(msgs.get(0).get("offset").asLong()).isEqualTo(2);
    assertThat(msgs.get(0).get("value").asText()).contains("\"n\" : 2");
    assertThat(msgs.get(0).get("headers").get(0).get("key").asText()).isEqualTo("h");
    JsonNode fromOne =
        c.get("/api/v1/topics/browse/messages?offset=1&limit=1&format=hex").json().get("messages");
    assertThat(fromOne).hasSize(1);
    assertThat(fromOne.get(0).get("key").asText()).isEqualTo("6b31");
    assertThat(c.get("/api/v1/topics/browse/messages?timestamp=0").json().get("messages"))
        .hasSize(3);
    assertThat(c.get("/api/v1/topics/browse/messages?format=xml").errorCode())
        .isEqualTo("BAD_REQUEST");
    assertThat(c.get("/api/v1/topics/browse/messages?limit=9999").errorCode())
        .isEqualTo("BAD_REQUEST");
    assertThat(c.get("/api/v1/topics/nope/messages").errorCode()).isEqualTo("NOT_FOUND");
    assertThat(c.post("/api/v1/topics/browse/messages", Map.of("key", "x")).errorCode())
        .isEqualTo("BAD_REQUEST");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode segs = c.get("/api/v1/topics/browse/partitions/0/segments").json();
              assertThat(segs).isNotEmpty();
              assertThat(segs.get(0).get("objectKey").asText()).isNotBlank();
              assertThat(segs.get(0).get("sizeBytes").asLong()).isPositive();
            });
    assertThat(c.get("/api/v1/topics/nope/partitions/0/segments").errorCode())
        .isEqualTo("NOT_FOUND");
    assertThat(c.get("/api/v1/topics/browse/partitions/x/segments").errorCode())
        .isEqualTo("BAD_REQUEST");
  }

  @Test
  void shouldShowGroupLagResetOffsetsWithDryRunAndDeleteGroups() {
    // Given
    ConsoleClient c = loggedIn();
    assertThat(c.post("/api/v1/topics", Map.of("name", "lagged", "partitions", 1)).status())
        .isEqualTo(201);
    for (int i = 0; i < 5; i++) {
      assertThat(c.post("/api/v1/topics/lagged/messages", Map.of("value", "m" + i)).status())
          .isEqualTo(200);
    }
    KafkaConsumer<byte[], byte[]> consumer = consumer("billing/v2");
    consumer.subscribe(List.of("lagged"));
    AtomicReference<Integer> seen = new AtomicReference<>(0);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              seen.set(seen.get() + consumer.poll(Duration.ofMillis(200)).count());
              return seen.get() >= 2;
            });
    consumer.commitSync(
        Map.of(
            new org.apache.kafka.common.TopicPartition("lagged", 0),
            new org.apache.kafka.clients.consumer.OffsetAndMetadata(2)));

    try {
      // When / Then: a group with members
      JsonNode detail = c.get("/api/v1/groups/billing%2Fv2").json();
      assertThat(detail.get("members")).hasSize(1);
      assertThat(detail.get("offsets").get(0).get("lag").asLong()).isEqualTo(3);
      assertThat(detail.get("totalLag").asLong()).isEqualTo(3);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(c.get("/api/v1/groups").body()).contains("billing/v2"));
      Answer refused =
          c.post(
              "/api/v1/groups/billing%2Fv2/reset-offsets",
              Map.of("topic", "lagged", "strategy", "earliest", "dryRun", true));
      assertThat(refused.errorCode()).isEqualTo("CONFLICT");
      assertThat(c.delete("/api/v1/groups/billing%2Fv2").errorCode()).isEqualTo("CONFLICT");
    } finally {
      consumer.close();
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(c.get("/api/v1/groups/billing%2Fv2").json().get("members")).isEmpty());

    Answer dry =
        c.post(
            "/api/v1/groups/billing%2Fv2/reset-offsets",
            Map.of("topic", "lagged", "strategy", "earliest", "dryRun", true));
    assertThat(dry.status()).as(dry.body()).isEqualTo(200);
    assertThat(dry.json().get("offsets").get(0).get("currentOffset").asLong()).isEqualTo(2);
    assertThat(dry.json().get("offsets").get(0).get("newOffset").asLong()).isEqualTo(0);
    assertThat(c.get("/api/v1/groups/billing%2Fv2").json().get("totalLag").asLong()).isEqualTo(3);
    Answer applied =
        c.post(
            "/api/v1/groups/billing%2Fv2/reset-offsets",
            Map.of("topic", "lagged", "strategy", "shift", "value", 2, "dryRun", false));
    assertThat(applied.json().get("offsets").get(0).get("newOffset").asLong()).isEqualTo(4);
    assertThat(c.get("/api/v1/groups/billing%2Fv2").json().get("totalLag").asLong()).isEqualTo(1);
    assertThat(
            c.post(
                    "/api/v1/groups/billing%2Fv2/reset-offsets",
                    Map.of("topic", "lagged", "strategy", "offset"))
                .errorCode())
        .isEqualTo("BAD_REQUEST");
    assertThat(
            c.post(
                    "/api/v1/groups/billing%2Fv2/reset-offsets",
                    Map.of("topic", "lagged", "strategy", "sideways"))
                .errorCode())
        .isEqualTo("BAD_REQUEST");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(c.get("/api/v1/groups/billing%2Fv2/lag-history").json().get("lag"))
                    .isNotEmpty());

    assertThat(c.delete("/api/v1/groups/billing%2Fv2").status()).isEqualTo(204);
    assertThat(c.get("/api/v1/groups/billing%2Fv2").errorCode()).isEqualTo("NOT_FOUND");
    assertThat(c.delete("/api/v1/groups/never-there").errorCode()).isEqualTo("NOT_FOUND");
  }

  @Test
  void shouldDescribeOverviewBrokersAndMetricsHistory() {
    ConsoleClient c = loggedIn();
    JsonNode overview = c.get("/api/v1/overview").json();
    assertThat(overview.get("clusterId").asText()).isNotBlank();
    assertThat(overview.get("health").get("kafka").get("ok").asBoolean()).isTrue();
    assertThat(overview.get("health").get("metadataStore").get("ok").asBoolean()).isTrue();
    assertThat(overview.get("health").get("objectStore").has("ok")).isTrue();
    assertThat(overview.get("brokers")).hasSize(1);
    assertThat(overview.get("topics").isNumber()).isTrue();

    JsonNode brokers = c.get("/api/v1/brokers").json();
    assertThat(brokers).hasSize(1);
    JsonNode b = brokers.get(0);
    assertThat(b.get("reachable").asBoolean()).isTrue();
    assertThat(b.get("adminAddress").asText()).endsWith(":" + broker.adminPort());
    assertThat(b.get("controller").asBoolean()).isTrue();
    int id = b.get("id").asInt();
    JsonNode detail = c.get("/api/v1/brokers/" + id).json();
    assertThat(detail.get("configs")).isNotEmpty();
    assertThat(c.get("/api/v1/brokers/999").errorCode()).isEqualTo("NOT_FOUND");
    assertThat(c.get("/api/v1/brokers/abc").errorCode()).isEqualTo("BAD_REQUEST");

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonNode history = c.get("/api/v1/metrics/history").json();
              assertThat(history.get("intervalMs").asLong()).isEqualTo(300);
              assertThat(history.get("timestamps").size()).isGreaterThanOrEqualTo(2);
              assertThat(history.get("series").get("produceBytesPerSec").size())
                  .isEqualTo(history.get("timestamps").size());
              assertThat(
                      c.get("/api/v1/overview")
                          .json()
                          .get("rates")
                          .get("putPricePer1000Usd")
                          .asDouble())
                  .isEqualTo(0.005);
            });
  }

  @Test
  void shouldShowNonZeroProduceRateFromTheBrokersRealMetrics() {
    // Given
    ConsoleClient c = loggedIn();
    assertThat(c.post("/api/v1/topics", Map.of("name", "rates.v1", "partitions", 1)).status())
        .isEqualTo(201);

    // When messages keep arriving, Then the overview's produce rate (from the broker's real
    // /metrics counter names) becomes non-zero
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              assertThat(
                      c.post("/api/v1/topics/rates.v1/messages", Map.of("value", "x".repeat(200)))
                          .status())
                  .isEqualTo(200);
              JsonNode rates = c.get("/api/v1/overview").json().get("rates");
              assertThat(rates.isObject()).isTrue();
              assertThat(rates.get("produceBytesPerSec").asDouble()).isGreaterThan(0);
              assertThat(rates.get("produceRecordsPerSec").asDouble()).isGreaterThan(0);
            });
  }

  @Test
  void shouldStreamOverviewMetricsAndGroupsEvents() throws Exception {
    // Given
    ConsoleClient c = loggedIn();
    assertThat(new ConsoleClient(console.port()).get("/api/v1/events").status()).isEqualTo(401);
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.port() + "/api/v1/events"))
            .header("Cookie", c.cookie())
            .timeout(Duration.ofSeconds(20))
            .build();

    // When
    HttpResponse<java.io.InputStream> r =
        c.http().send(req, HttpResponse.BodyHandlers.ofInputStream());

    // Then
    assertThat(r.headers().firstValue("content-type").orElseThrow())
        .startsWith("text/event-stream");
    java.util.Set<String> events = new java.util.HashSet<>();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      String line;
      while (events.size() < 3 && (line = in.readLine()) != null) {
        if (line.startsWith("event: ")) {
          events.add(line.substring(7));
        }
      }
    }
    assertThat(events).containsExactlyInAnyOrder("overview", "metrics", "groups");
  }

  @Test
  void shouldRefuseEveryChangeInReadOnlyMode() {
    ConsoleClient c = new ConsoleClient(readOnlyConsole.port());
    Answer login = c.login("admin", "pw");
    assertThat(login.json().get("readOnly").asBoolean()).isTrue();
    assertThat(c.post("/api/v1/topics", Map.of("name", "ro", "partitions", 1)).errorCode())
        .isEqualTo("READ_ONLY");
    assertThat(c.delete("/api/v1/topics/ro").errorCode()).isEqualTo("READ_ONLY");
    assertThat(c.get("/api/v1/topics").status()).isEqualTo(200);
    assertThat(c.post("/api/v1/logout", null).status()).isEqualTo(204);
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }
}
