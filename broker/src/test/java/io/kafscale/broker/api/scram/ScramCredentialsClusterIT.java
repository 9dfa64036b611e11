/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.scram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.security.scram.ScramCredentialLookup;
import io.kafscale.broker.security.scram.ScramKeys;
import io.kafscale.broker.security.scram.ScramMechanism;
import io.kafscale.broker.testing.BrokerFixture;
import io.kafscale.metadata.model.ScramCredentialRecord;
import io.kafscale.metadata.testing.EtcdServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two brokers on one real etcd: a credential altered through one broker's Kafka API reaches the
 * other broker's credential cache (what its SCRAM authenticator reads) through the etcd watch, and
 * so does its deletion.
 */
class ScramCredentialsClusterIT {
  private static EtcdServer etcd;
  private static BrokerFixture first;
  private static BrokerFixture second;

  @BeforeAll
  static void start() {
    etcd = EtcdServer.start();
    Map<String, String> env =
        Map.of(
            "KAFSCALE_ETCD_ENDPOINTS", etcd.endpoint(), "KAFSCALE_S3_NAMESPACE", "scram-cluster");
    first = BrokerFixture.start(env);
    second = BrokerFixture.start(env);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {second, first, etcd}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // Best effort: the others still close.
      }
    }
  }

  @Test
  void shouldAuthenticateOnEveryBrokerWhatWasAlteredThroughOne() throws Exception {
    // Given
    ScramCredentialLookup other = second.broker().scramCredentials();
    assertThat(other.credential("dana", ScramMechanism.SCRAM_SHA_256)).isEmpty();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers()))) {

      // When
      admin
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      "dana",
                      new ScramCredentialInfo(
                          org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_256, 4096),
                      "dana-secret")))
          .all()
          .get(30, TimeUnit.SECONDS);

      // Then
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> other.credential("dana", ScramMechanism.SCRAM_SHA_256).isPresent());
      ScramCredentialRecord c =
          other.credential("dana", ScramMechanism.SCRAM_SHA_256).orElseThrow();
      byte[] salted =
          ScramKeys.saltedPassword(ScramMechanism.SCRAM_SHA_256, "dana-secret", c.salt(), 4096);
      assertThat(ScramKeys.credential("dana", ScramMechanism.SCRAM_SHA_256, c.salt(), salted, 4096))
          .isEqualTo(c);

      // When
      admin
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialDeletion(
                      "dana", org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_256)))
          .all()
          .get(30, TimeUnit.SECONDS);

      // Then
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> other.credential("dana", ScramMechanism.SCRAM_SHA_256).isEmpty());
    }
  }
}
