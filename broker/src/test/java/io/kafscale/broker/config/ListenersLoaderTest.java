/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListenersLoaderTest {

  private static BrokerConfig load(Map<String, String> env) {
    return BrokerConfig.load(env, () -> "local-host");
  }

  private static Map<String, String> twoListeners(String interBroker) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFSCALE_LISTENERS", "INTERNAL://127.0.0.1:9092,EXTERNAL://127.0.0.1:9094");
    env.put(
        "KAFSCALE_LISTENER_SECURITY_PROTOCOL_MAP", "INTERNAL:PLAINTEXT,EXTERNAL:SASL_PLAINTEXT");
    env.put("KAFSCALE_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512");
    env.put("KAFSCALE_INTER_BROKER_LISTENER_NAME", interBroker);
    return env;
  }

  @Test
  void shouldRejectASaslInterBrokerListenerBecauseBrokersConnectInPlaintext() {
    // When / Then
    assertThatThrownBy(() -> load(twoListeners("EXTERNAL")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KAFSCALE_INTER_BROKER_LISTENER_NAME")
        .hasMessageContaining("SASL_PLAINTEXT");
  }

  @Test
  void shouldRejectAnSslInterBrokerListener() {
    // Given
    Map<String, String> env = new HashMap<>();
    env.put("KAFSCALE_LISTENERS", "SSL://127.0.0.1:9093");
    env.put("KAFSCALE_SSL_CERT_FILE", "/nonexistent/cert.pem");
    env.put("KAFSCALE_SSL_KEY_FILE", "/nonexistent/key.pem");

    // When / Then
    assertThatThrownBy(() -> load(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("inter-broker listener SSL is SSL");
  }

  @Test
  void shouldAcceptAPlaintextInterBrokerListenerNextToASaslOne() {
    // When
    BrokerConfig config = load(twoListeners("INTERNAL"));

    // Then
    assertThat(config.network().interBroker().name()).isEqualTo("INTERNAL");
  }

  @Test
  void shouldLimitConnectionsPerIpByDefault() {
    // When
    BrokerConfig config = load(Map.of());

    // Then
    assertThat(config.network().security().limits().maxConnectionsPerIp()).isEqualTo(1000);
  }

  @Test
  void shouldRejectASessionLifetimeAboveOneYear() {
    // Given
    long tooLong = Duration.ofDays(366).toMillis();

    // When / Then
    assertThatThrownBy(
            () -> load(Map.of("KAFSCALE_SASL_SESSION_LIFETIME_MS", Long.toString(tooLong))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KAFSCALE_SASL_SESSION_LIFETIME_MS");
  }
}
