/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.scram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.security.scram.ScramKeys;
import io.kafscale.broker.security.scram.ScramMechanism;
import io.kafscale.broker.testing.BrokerFixture;
import io.kafscale.metadata.model.ScramCredentialRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.errors.UnacceptableCredentialException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kafka-clients' Admin against an in-process broker: alterUserScramCredentials (upsert both
 * mechanisms, delete one, refused iterations) and describeUserScramCredentials (all users, one
 * user, a missing user), and the broker's credential cache holding exactly the keys the client's
 * salted password derives, so a SCRAM login with that password would verify.
 */
class ScramCredentialsAdminIT {
  private static BrokerFixture broker;
  private static Admin admin;

  @BeforeAll
  static void start() {
    broker = BrokerFixture.start(Map.of("KAFSCALE_S3_NAMESPACE", "scram-admin-it"));
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static UserScramCredentialUpsertion upsert(
      String user, org.apache.kafka.clients.admin.ScramMechanism m, int iterations, String pw) {
    return new UserScramCredentialUpsertion(user, new ScramCredentialInfo(m, iterations), pw);
  }

  @Test
  void shouldUpsertDescribeAndDeleteCredentialsThroughTheAdminClient() throws Exception {
    // When
    admin
        .alterUserScramCredentials(
            List.of(
                upsert(
                    "alice",
                    org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_256,
                    4096,
                    "alice-256"),
                upsert(
                    "alice",
                    org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512,
                    8192,
                    "alice-512"),
                upsert(
                    "bob",
                    org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512,
                    4096,
                    "bob-pw")))
        .all()
        .get(30, TimeUnit.SECONDS);

    // Then: every user, one user
    Map<String, UserScramCredentialsDescription> all =
        admin.describeUserScramCredentials().all().get(30, TimeUnit.SECONDS);
    assertThat(all).containsKeys("alice", "bob");
    assertThat(all.get("alice").credentialInfos())
        .containsExactlyInAnyOrder(
            new ScramCredentialInfo(
                org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_256, 4096),
            new ScramCredentialInfo(
                org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 8192));
    UserScramCredentialsDescription bob =
        admin
            .describeUserScramCredentials(List.of("bob"))
            .description("bob")
            .get(30, TimeUnit.SECONDS);
    assertThat(bob.credentialInfos())
        .containsExactly(
            new ScramCredentialInfo(
                org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 4096));

    // And: the broker's cache verifies the client's password
    await()
        .until(
            () ->
                broker
                    .broker()
                    .scramCredentials()
                    .credential("alice", ScramMechanism.SCRAM_SHA_512)
                    .isPresent());
    ScramCredentialRecord stored =
        broker
            .broker()
            .scramCredentials()
            .credential("alice", ScramMechanism.SCRAM_SHA_512)
            .orElseThrow();
    byte[] salted =
        ScramKeys.saltedPassword(ScramMechanism.SCRAM_SHA_512, "alice-512", stored.salt(), 8192);
    assertThat(
            ScramKeys.credential(
                "alice", ScramMechanism.SCRAM_SHA_512, stored.salt(), salted, 8192))
        .isEqualTo(stored);

    // When: delete one of alice's credentials
    admin
        .alterUserScramCredentials(
            List.of(
                new UserScramCredentialDeletion(
                    "alice", org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_256)))
        .all()
        .get(30, TimeUnit.SECONDS);

    // Then
    assertThat(
            admin
                .describeUserScramCredentials(List.of("alice"))
                .description("alice")
                .get(30, TimeUnit.SECONDS)
                .credentialInfos())
        .containsExactly(
            new ScramCredentialInfo(
                org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 8192));
    await()
        .until(
            () ->
                broker
                    .broker()
                    .scramCredentials()
                    .credential("alice", ScramMechanism.SCRAM_SHA_256)
                    .isEmpty());
  }

  @Test
  void shouldReportMissingUsersAndCredentialsAsResourceNotFound() {
    // When / Then
    assertThatThrownBy(
            () ->
                admin
                    .describeUserScramCredentials(List.of("nobody"))
                    .description("nobody")
                    .get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(
            () ->
                admin
                    .alterUserScramCredentials(
                        List.of(
                            new UserScramCredentialDeletion(
                                "nobody",
                                org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512)))
                    .all()
                    .get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void shouldRefuseTooManyIterationsAsAnUnacceptableCredential() {
    // When / Then
    assertThatThrownBy(
            () ->
                admin
                    .alterUserScramCredentials(
                        List.of(
                            upsert(
                                "carol",
                                org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_256,
                                20_000,
                                "pw")))
                    .all()
                    .get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(UnacceptableCredentialException.class);
  }
}
