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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console logs into a secured cluster with its own SCRAM principal: the broker authorizes that
 * principal (not User:ANONYMOUS), an operation it lacks ACLs for is the contract's 403, and a
 * refused login shows up as unhealthy Kafka rather than a failure of the console.
 */
class ConsolePrincipalIT {
  private static final String PRINCIPAL = "User:console";
  private static final String PASSWORD = "console-pw";

  private static BrokerFixture broker;
  private static Admin superAdmin;
  private static Console console;

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("KAFSCALE_LISTENERS", "INTERNAL://127.0.0.1:0,SASL://127.0.0.1:0");
    env.put("KAFSCALE_LISTENER_SECURITY_PROTOCOL_MAP", "INTERNAL:PLAINTEXT,SASL:SASL_PLAINTEXT");
    env.put("KAFSCALE_AUTH_FAILURE_DELAY_MS", "50");
    env.put("KAFSCALE_AUTHORIZER_ENABLED", "true");
    // The test's own set-up runs on the PLAINTEXT listener as the unauthenticated principal.
    env.put("KAFSCALE_SUPER_USERS", "User:ANONYMOUS");
    env.put("KAFSCALE_S3_NAMESPACE", "console-principal");
    broker = BrokerFixture.start(env);
    superAdmin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + broker.broker().kafkaPort("INTERNAL")));
    superAdmin
        .alterUserScramCredentials(
            List.of(
                new UserScramCredentialUpsertion(
                    "console",
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                    PASSWORD)))
        .all()
        .get(30, TimeUnit.SECONDS);
    superAdmin
        .createTopics(
            List.of(
                new NewTopic("shop.orders", 1, (short) 1),
                new NewTopic("shop.payments", 2, (short) 1),
                new NewTopic("secret.salaries", 1, (short) 1)))
        .all()
        .get(30, TimeUnit.SECONDS);
    superAdmin
        .createAcls(
            List.of(
                allow(
                    ResourceType.CLUSTER,
                    "kafka-cluster",
                    PatternType.LITERAL,
                    AclOperation.DESCRIBE),
                allow(ResourceType.TOPIC, "shop.", PatternType.PREFIXED, AclOperation.DESCRIBE),
                allow(
                    ResourceType.TOPIC,
                    "shop.",
                    PatternType.PREFIXED,
                    AclOperation.DESCRIBE_CONFIGS),
                allow(ResourceType.GROUP, "*", PatternType.LITERAL, AclOperation.READ)))
        .all()
        .get(30, TimeUnit.SECONDS);
    console = startConsole(PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (console != null) {
      console.close();
    }
    if (superAdmin != null) {
      superAdmin.close(Duration.ofSeconds(2));
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static AclBinding allow(
      ResourceType type, String name, PatternType pattern, AclOperation operation) {
    return new AclBinding(
        new ResourcePattern(type, name, pattern),
        new AccessControlEntry(PRINCIPAL, "*", operation, AclPermissionType.ALLOW));
  }

  /** A console whose every Kafka client logs in as {@code console} on the SASL listener. */
  private static Console startConsole(String password) {
    var md = broker.broker().metadata();
    var reader = new StoreMetadataReader(md.store(), md.keys(), Duration.ofSeconds(3));
    Map<String, String> env = new HashMap<>();
    env.put("KAFSCALE_CONSOLE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
    env.put("KAFSCALE_CONSOLE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
    env.put(
        "KAFSCALE_CONSOLE_KAFKA_SASL_JAAS_CONFIG",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"console\""
            + " password=\""
            + password
            + "\";");
    String sasl = "127.0.0.1:" + broker.broker().kafkaPort("SASL");
    return Console.start(ConsoleTestConfig.of(sasl, broker.adminPort(), env), reader);
  }

  private static ConsoleClient loggedIn(Console c) {
    ConsoleClient client = new ConsoleClient(c.port());
    assertThat(client.login("admin", "pw").status()).isEqualTo(200);
    return client;
  }

  private static List<String> names(JsonNode topics) {
    List<String> out = new ArrayList<>();
    topics.forEach(t -> out.add(t.get("name").asText()));
    return out;
  }

  @Test
  void shouldListOnlyTheTopicsTheConsolePrincipalMayDescribe() {
    // Given
    ConsoleClient client = loggedIn(console);

    // When / Then: secret.salaries exists but User:console has no ACL on it (ANONYMOUS would
    // see it, being a super user)
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Answer topics = client.get("/api/v1/topics");
              assertThat(topics.status()).as(topics.body()).isEqualTo(200);
              assertThat(names(topics.json())).containsExactly("shop.orders", "shop.payments");
            });
  }

  @Test
  void shouldAnswerForbiddenWithKafkasErrorWhenThePrincipalMayNotCreateTopics() throws Exception {
    // Given
    ConsoleClient client = loggedIn(console);

    // When
    Answer created = client.post("/api/v1/topics", Map.of("name", "shop.refunds"));

    // Then
    assertThat(created.status()).as(created.body()).isEqualTo(403);
    assertThat(created.errorCode()).isEqualTo("FORBIDDEN");
    assertThat(created.json().path("error").path("kafkaError").asText())
        .isIn("TOPIC_AUTHORIZATION_FAILED", "CLUSTER_AUTHORIZATION_FAILED");
    assertThat(superAdmin.listTopics().names().get(30, TimeUnit.SECONDS))
        .doesNotContain("shop.refunds");
  }

  @Test
  void shouldReportKafkaUnhealthyWhenTheConsolesPasswordIsRefused() {
    // Given
    try (Console wrong = startConsole("not-the-password")) {
      ConsoleClient client = loggedIn(wrong);

      // When
      Answer overview = client.get("/api/v1/overview");
      Answer topics = client.get("/api/v1/topics");

      // Then
      assertThat(overview.status()).as(overview.body()).isEqualTo(200);
      JsonNode kafka = overview.json().path("health").path("kafka");
      assertThat(kafka.path("ok").asBoolean(true)).isFalse();
      assertThat(kafka.path("message").asText()).containsIgnoringCase("authenticat");
      assertThat(topics.status()).isEqualTo(503);
      assertThat(topics.errorCode()).isEqualTo("CLUSTER_UNAVAILABLE");
      assertThat(client.get("/healthz").status()).isEqualTo(200);
    }
  }
}
