/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.kafscale.operator.Resources;
import io.kafscale.operator.crd.KafscaleCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleKafkaModelTest {
  private static KafscaleCluster withConsoleOn(String protocol, String mechanism) {
    KafscaleCluster c = Resources.cluster("golden/in-console-principal.yaml");
    c.getSpec().security.listeners.get(1).protocol = protocol;
    c.getSpec().console.kafka.securityProtocol = protocol;
    c.getSpec().console.kafka.saslMechanism = mechanism;
    return c;
  }

  private static List<String> names(List<EnvVar> env) {
    return env.stream().map(EnvVar::getName).toList();
  }

  @Test
  void shouldRenderNoClientPropertiesAndTheInterBrokerPortByDefault() {
    // Given
    KafscaleCluster c = Resources.cluster("golden/in-security.yaml");

    // When
    List<EnvVar> env = ConsoleKafkaModel.env(c);

    // Then
    assertThat(env).isEmpty();
    assertThat(ConsoleKafkaModel.bootstrapServers(c)).endsWith(".svc:9092");
    assertThat(ConsoleKafkaModel.caVolume(c)).isEmpty();
  }

  @Test
  void shouldBuildThePlainJaasLineFromSecretReferencesWithoutATrustStoreOnSaslPlaintext() {
    // Given
    KafscaleCluster c = withConsoleOn("SASL_PLAINTEXT", "PLAIN");

    // When
    List<EnvVar> env = ConsoleKafkaModel.env(c);

    // Then: the password only ever comes from the Secret, expanded by the kubelet
    assertThat(names(env))
        .containsExactly(
            "KAFSCALE_CONSOLE_KAFKA_SECURITY_PROTOCOL",
            "KAFSCALE_CONSOLE_KAFKA_SASL_MECHANISM",
            ConsoleKafkaModel.USERNAME_VAR,
            ConsoleKafkaModel.PASSWORD_VAR,
            "KAFSCALE_CONSOLE_KAFKA_SASL_JAAS_CONFIG");
    assertThat(env.get(3).getValue()).isNull();
    assertThat(env.get(3).getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("console-kafka-user");
    assertThat(env.get(4).getValue())
        .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required")
        .contains("password=\"$(KAFKA_SASL_PASSWORD)\"");
    assertThat(ConsoleKafkaModel.bootstrapServers(c)).isEqualTo("acl-broker.streaming.svc:9094");
    assertThat(ConsoleKafkaModel.caVolume(c)).isEmpty();
  }

  @Test
  void shouldKeepTheHelperVariablesOutsideTheConsolesClientPropertyPrefix() {
    // Given: the console passes every KAFSCALE_CONSOLE_KAFKA_* variable to its clients
    String jaas = ConsoleKafkaModel.jaas("SCRAM-SHA-512");

    // Then
    assertThat(jaas).startsWith("org.apache.kafka.common.security.scram.ScramLoginModule");
    assertThat(ConsoleKafkaModel.USERNAME_VAR).doesNotStartWith("KAFSCALE_CONSOLE_KAFKA_");
    assertThat(ConsoleKafkaModel.PASSWORD_VAR).doesNotStartWith("KAFSCALE_CONSOLE_KAFKA_");
  }
}
