/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.scram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.broker.testing.BrokerFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Credentials created with AlterUserScramCredentials on a PLAINTEXT listener log kafka-clients in
 * with SCRAM-SHA-256 and SCRAM-SHA-512 on the same broker's SASL_PLAINTEXT listener; a wrong
 * password is refused.
 */
class ScramLoginIT {
  private static BrokerFixture broker;

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("KAFSCALE_LISTENERS", "INTERNAL://127.0.0.1:0,SASL://127.0.0.1:0");
    env.put("KAFSCALE_LISTENER_SECURITY_PROTOCOL_MAP", "INTERNAL:PLAINTEXT,SASL:SASL_PLAINTEXT");
    env.put("KAFSCALE_AUTH_FAILURE_DELAY_MS", "50");
    env.put("KAFSCALE_S3_NAMESPACE", "scram-login");
    broker = BrokerFixture.start(env);
    try (Admin admin = Admin.create(props("INTERNAL"))) {
      admin
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      "erin",
                      new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                      "erin-pw"),
                  new UserScramCredentialUpsertion(
                      "erin",
                      new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096),
                      "erin-pw")))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private static Map<String, Object> props(String listener) {
    Map<String, Object> props = new HashMap<>();
    props.put(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        "127.0.0.1:" + broker.broker().kafkaPort(listener));
    return props;
  }

  private static Map<String, Object> scram(String mechanism, String user, String password) {
    Map<String, Object> props = props("SASL");
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    props.put("sasl.mechanism", mechanism);
    props.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + user
            + "\" password=\""
            + password
            + "\";");
    return props;
  }

  @Test
  void shouldLogInWithBothScramMechanismsUsingTheStoredCredentials() throws Exception {
    for (String mechanism : List.of("SCRAM-SHA-512", "SCRAM-SHA-256")) {
      // When
      try (Admin admin = Admin.create(scram(mechanism, "erin", "erin-pw"))) {
        // Then
        assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
            .as(mechanism)
            .isNotBlank();
      }
    }
  }

  @Test
  void shouldRefuseAWrongPassword() {
    // When / Then
    try (Admin admin = Admin.create(scram("SCRAM-SHA-512", "erin", "not-erin-pw"))) {
      assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }
}
