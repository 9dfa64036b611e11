/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.security.scram.ScramKeys;
import io.kafscale.broker.security.scram.ScramMechanism;
import io.kafscale.broker.testing.BrokerFixture;
import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.model.ScramCredentialRecord;
import io.kafscale.metadata.registry.store.StoreScramCredentialRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.tools.ConfigCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka's own {@code kafka-configs} (kafka-tools 4.x ConfigCommand, run in-process) managing SCRAM
 * credentials of an in-process broker: {@code --alter --add-config SCRAM-SHA-512=[...]}, {@code
 * --describe} of one user and of every user, and {@code --delete-config}, asserted on the tool's
 * printed output and on the credential stored in the metadata store.
 */
class ConfigsScramToolIT {
  private static BrokerFixture broker;

  @BeforeAll
  static void start() {
    broker = BrokerFixture.start(Map.of("KAFSCALE_S3_NAMESPACE", "configs-scram"));
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private static KafkaTool.Output configs(String... args) throws Exception {
    String[] all = new String[args.length + 2];
    all[0] = "--bootstrap-server";
    all[1] = broker.bootstrapServers();
    System.arraycopy(args, 0, all, 2, args.length);
    return KafkaTool.run("kafka-configs", ConfigCommand::main, all);
  }

  private static Optional<ScramCredentialRecord> stored(String user, String mechanism)
      throws Exception {
    Metadata metadata = broker.broker().metadata();
    return new StoreScramCredentialRegistry(metadata.store(), metadata.keys())
        .get(user, mechanism)
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldAddDescribeAndDeleteAScramCredentialWithKafkaConfigs() throws Exception {
    // When
    KafkaTool.Output added =
        configs(
            "--alter",
            "--add-config",
            "SCRAM-SHA-512=[iterations=8192,password=alice-secret]",
            "--entity-type",
            "users",
            "--entity-name",
            "alice");

    // Then: the tool reports success and the store holds keys derived from the password
    assertThat(added.exitCode()).as(added.text()).isZero();
    assertThat(added.text()).contains("Completed updating config for user alice.");
    ScramCredentialRecord record = stored("alice", "SCRAM-SHA-512").orElseThrow();
    assertThat(record.iterations()).isEqualTo(8192);
    byte[] salted =
        ScramKeys.saltedPassword(ScramMechanism.SCRAM_SHA_512, "alice-secret", record.salt(), 8192);
    assertThat(record)
        .isEqualTo(
            ScramKeys.credential(
                "alice", ScramMechanism.SCRAM_SHA_512, record.salt(), salted, 8192));

    // When
    KafkaTool.Output one =
        configs("--describe", "--entity-type", "users", "--entity-name", "alice");
    KafkaTool.Output every = configs("--describe", "--entity-type", "users");

    // Then
    assertThat(one.exitCode()).as(one.text()).isZero();
    assertThat(one.text())
        .contains(
            "SCRAM credential configs for user-principal 'alice' are SCRAM-SHA-512=iterations=8192");
    assertThat(every.exitCode()).as(every.text()).isZero();
    assertThat(every.text())
        .contains(
            "SCRAM credential configs for user-principal 'alice' are SCRAM-SHA-512=iterations=8192");

    // When
    KafkaTool.Output deleted =
        configs(
            "--alter",
            "--delete-config",
            "SCRAM-SHA-512",
            "--entity-type",
            "users",
            "--entity-name",
            "alice");
    KafkaTool.Output after =
        configs("--describe", "--entity-type", "users", "--entity-name", "alice");

    // Then
    assertThat(deleted.exitCode()).as(deleted.text()).isZero();
    assertThat(deleted.text()).contains("Completed updating config for user alice.");
    assertThat(stored("alice", "SCRAM-SHA-512")).isEmpty();
    assertThat(after.text()).doesNotContain("SCRAM-SHA-512=iterations");
  }

  @Test
  void shouldFailTheToolWhenDeletingACredentialThatDoesNotExist() throws Exception {
    // When
    KafkaTool.Output out =
        configs(
            "--alter",
            "--delete-config",
            "SCRAM-SHA-256",
            "--entity-type",
            "users",
            "--entity-name",
            "nobody");

    // Then
    assertThat(out.exitCode()).as(out.text()).isNotZero();
    assertThat(out.text()).contains("Attempt to delete a user credential that does not exist");
  }
}
