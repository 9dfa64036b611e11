/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {
  @Test
  void shouldUseDefaultsWhenEnvironmentIsEmpty() {
    // When
    OperatorConfig c = OperatorConfig.fromEnv(Map.of());

    // Then
    assertThat(c.watchNamespaces()).isEmpty();
    assertThat(c.leaderElection()).isTrue();
    assertThat(c.leaseName()).isEqualTo("kafscale-operator-leader");
    assertThat(c.httpAddress().getPort()).isEqualTo(8080);
    assertThat(c.jsonLogs()).isTrue();
    assertThat(c.etcdTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void shouldReadTheVariablesTheHelmChartSets() {
    // When
    OperatorConfig c =
        OperatorConfig.fromEnv(
            Map.of(
                "KAFSCALE_OPERATOR_NAMESPACE", "kafscale-system",
                "KAFSCALE_OPERATOR_POD_NAME", "op-1",
                "KAFSCALE_OPERATOR_WATCH_NAMESPACES", "a, b",
                "KAFSCALE_OPERATOR_LEADER_ELECTION", "false",
                "KAFSCALE_OPERATOR_HTTP_ADDR", "127.0.0.1:9999",
                "KAFSCALE_OPERATOR_BROKER_IMAGE", "img:1",
                "KAFSCALE_LOG_FORMAT", "text",
                "KAFSCALE_LOG_LEVEL", "debug"));

    // Then
    assertThat(c.namespace()).isEqualTo("kafscale-system");
    assertThat(c.podName()).isEqualTo("op-1");
    assertThat(c.watchNamespaces()).isEqualTo(Set.of("a", "b"));
    assertThat(c.leaderElection()).isFalse();
    assertThat(c.httpAddress().getPort()).isEqualTo(9999);
    assertThat(c.defaultBrokerImage()).isEqualTo("img:1");
    assertThat(c.jsonLogs()).isFalse();
    assertThat(c.logLevel()).isEqualTo("DEBUG");
  }

  @Test
  void shouldReportEveryInvalidVariableAtOnce() {
    assertThatThrownBy(
            () ->
                OperatorConfig.fromEnv(
                    Map.of(
                        "KAFSCALE_OPERATOR_HTTP_ADDR", "nope",
                        "KAFSCALE_LOG_FORMAT", "xml",
                        "KAFSCALE_OPERATOR_LEADER_ELECTION", "maybe")))
        .hasMessageContaining("KAFSCALE_OPERATOR_HTTP_ADDR")
        .hasMessageContaining("KAFSCALE_LOG_FORMAT")
        .hasMessageContaining("KAFSCALE_OPERATOR_LEADER_ELECTION");
  }
}
