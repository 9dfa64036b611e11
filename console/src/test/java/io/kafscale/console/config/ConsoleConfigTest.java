/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.broker.config.ConfigException;
import io.kafscale.broker.testing.RepoRoot;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleConfigTest {

  @Test
  void shouldListEveryProblemWhenRequiredVariablesAreMissingAndValuesInvalid() {
    // Given
    Map<String, String> env =
        Map.of(
            "KAFSCALE_CONSOLE_REFRESH_MS", "abc", "KAFSCALE_CONSOLE_S3_PUT_PRICE_PER_1000", "-1");

    // When / Then
    assertThatThrownBy(() -> ConsoleConfig.load(env))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .anyMatch(p -> p.contains("KAFSCALE_CONSOLE_BOOTSTRAP_SERVERS is required"))
                    .anyMatch(p -> p.contains("KAFSCALE_CONSOLE_USERNAME is required"))
                    .anyMatch(p -> p.contains("KAFSCALE_CONSOLE_PASSWORD is required"))
                    .anyMatch(p -> p.contains("KAFSCALE_CONSOLE_REFRESH_MS"))
                    .anyMatch(p -> p.contains("KAFSCALE_CONSOLE_S3_PUT_PRICE_PER_1000")));
  }

  @Test
  void shouldApplyDefaultsWhenOnlyRequiredVariablesAreSet() {
    // When
    ConsoleConfig config =
        ConsoleConfig.load(
            Map.of(
                "KAFSCALE_CONSOLE_BOOTSTRAP_SERVERS", "k:9092",
                "KAFSCALE_CONSOLE_USERNAME", "ops",
                "KAFSCALE_CONSOLE_PASSWORD", "s3cret"));

    // Then
    assertThat(config.listen().toString()).isEqualTo("0.0.0.0:8080");
    assertThat(config.refresh()).isEqualTo(Duration.ofMillis(2000));
    assertThat(config.putPricePer1000()).isEqualByComparingTo(new BigDecimal("0.005"));
    assertThat(config.getPricePer1000()).isEqualByComparingTo(new BigDecimal("0.0004"));
    assertThat(config.readOnly()).isFalse();
    assertThat(config.etcd()).isEmpty();
    assertThat(config.toString()).doesNotContain("s3cret");
  }

  @Test
  void shouldLetTheEnvironmentOverrideLauncherDefaults() {
    // When
    ConsoleConfig config =
        ConsoleConfig.load(
            Map.of("KAFSCALE_CONSOLE_PASSWORD", "mine", "KAFSCALE_CONSOLE_READ_ONLY", "true"),
            Map.of(
                "KAFSCALE_CONSOLE_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                "KAFSCALE_CONSOLE_USERNAME", "admin",
                "KAFSCALE_CONSOLE_PASSWORD", "kafscale"));

    // Then
    assertThat(config.password()).isEqualTo("mine");
    assertThat(config.username()).isEqualTo("admin");
    assertThat(config.readOnly()).isTrue();
  }

  @Test
  void shouldReadEtcdEndpointsWithTheBrokersVariableNames() {
    // When
    ConsoleConfig config =
        ConsoleConfig.load(
            Map.of(
                "KAFSCALE_CONSOLE_BOOTSTRAP_SERVERS", "k:9092",
                "KAFSCALE_CONSOLE_USERNAME", "u",
                "KAFSCALE_CONSOLE_PASSWORD", "p",
                "KAFSCALE_ETCD_ENDPOINTS", "http://etcd-0:2379, http://etcd-1:2379"));

    // Then
    assertThat(config.etcd()).isPresent();
    assertThat(config.etcd().get().endpoints()).hasSize(2);
  }

  @Test
  void shouldKeepTheConsoleConfigurationDocInSyncWithTheCatalogue() throws Exception {
    // Given
    Path doc = RepoRoot.find().resolve("docs/console-configuration.md");

    // When
    String checkedIn = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";

    // Then
    assertThat(checkedIn)
        .as(
            "docs/console-configuration.md is stale; regenerate it from the repository root with:"
                + " mvn -q -pl console compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java"
                + " -Dexec.mainClass=io.kafscale.console.config.ConsoleConfigDocs"
                + " -Dexec.args=$PWD/docs/console-configuration.md")
        .isEqualTo(ConsoleConfigDocs.render());
  }

  @Test
  void shouldPassKafkaClientPropertiesThroughWithoutShowingTheirValues() {
    // Given
    Map<String, String> env =
        Map.of(
            "KAFSCALE_CONSOLE_BOOTSTRAP_SERVERS", "k:9092",
            "KAFSCALE_CONSOLE_USERNAME", "u",
            "KAFSCALE_CONSOLE_PASSWORD", "p",
            "KAFSCALE_CONSOLE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "KAFSCALE_CONSOLE_KAFKA_SASL_JAAS_CONFIG", "secret-jaas",
            "KAFSCALE_CONSOLE_KAFKA_TIMEOUT_MS", "7000");

    // When
    ConsoleConfig config = ConsoleConfig.load(env);

    // Then
    assertThat(config.kafkaProperties())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", "secret-jaas"));
    assertThat(config.kafkaTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(config.toString()).contains("sasl.jaas.config").doesNotContain("secret-jaas");
  }

  @Test
  void shouldRejectASessionLifetimeAboveThirtyDaysAndReadTheLimits() {
    // Given
    Map<String, String> env =
        Map.of(
            "KAFSCALE_CONSOLE_BOOTSTRAP_SERVERS", "k:9092",
            "KAFSCALE_CONSOLE_USERNAME", "u",
            "KAFSCALE_CONSOLE_PASSWORD", "p",
            "KAFSCALE_CONSOLE_SESSION_TTL_MS", Long.toString(Long.MAX_VALUE));

    // Then
    assertThatThrownBy(() -> ConsoleConfig.load(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KAFSCALE_CONSOLE_SESSION_TTL_MS");
    ConsoleConfig defaults =
        ConsoleConfig.load(
            Map.of(
                "KAFSCALE_CONSOLE_BOOTSTRAP_SERVERS", "k:9092",
                "KAFSCALE_CONSOLE_USERNAME", "u",
                "KAFSCALE_CONSOLE_PASSWORD", "p"));
    assertThat(defaults.limits().cookieSecure()).isFalse();
    assertThat(defaults.limits().loginFailuresPerMinute()).isEqualTo(20);
    assertThat(defaults.limits().idleTimeout()).isEqualTo(Duration.ofMinutes(1));
  }
}
