/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.testing.BrokerProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerProcessIT {

  @Test
  void shouldKeepTopicsWhenTheJarIsKilledAndRestarted(@TempDir Path dataDir) throws Exception {
    try (BrokerProcess broker = BrokerProcess.create(dataDir, Map.of()).start()) {
      // Given
      try (Admin admin = admin(broker)) {
        admin
            .createTopics(List.of(new NewTopic("survivor", 1, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }

      // When
      broker.kill9();
      assertThat(broker.isAlive()).isFalse();
      broker.start();

      // Then
      try (Admin admin = admin(broker)) {
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("survivor");
      }
    }
  }

  @Test
  void shouldStopCleanlyOnSigterm(@TempDir Path dataDir) {
    // Given
    BrokerProcess broker = BrokerProcess.create(dataDir, Map.of()).start();

    // When
    int exit = broker.stop();

    // Then: the JVM exits after the shutdown hook (143 = killed by SIGTERM after hooks ran)
    assertThat(exit).isIn(0, 143);
    assertThat(broker.log()).contains("Broker started").contains("Broker stopped");
    broker.close();
  }

  @Test
  void shouldExitWithStatusTwoListingEveryConfigProblem(@TempDir Path dataDir) throws Exception {
    // Given
    BrokerProcess broker =
        BrokerProcess.create(
            dataDir, Map.of("KAFSCALE_BROKER_ID", "minus-one", "KAFSCALE_S3_PATH_STYLE", "maybe"));

    // When / Then
    org.assertj.core.api.Assertions.assertThatThrownBy(broker::start)
        .hasMessageContaining("broker exited with 2")
        .hasMessageContaining("KAFSCALE_BROKER_ID")
        .hasMessageContaining("KAFSCALE_S3_PATH_STYLE");
    broker.close();
  }

  private static Admin admin(BrokerProcess broker) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            30_000));
  }
}
