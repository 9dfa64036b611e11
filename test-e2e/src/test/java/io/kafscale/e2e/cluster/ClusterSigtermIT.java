/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM of a broker under load: it drains and exits 0 within its shutdown timeout, its partitions
 * move to the others, producers see no failure at all and nothing acknowledged is lost.
 */
class ClusterSigtermIT {
  private static final String TOPIC = "sigterm";
  private static final int PARTITIONS = 12;

  /** JVM start-up of the shutdown hook and exit on top of the drain itself. */
  private static final Duration EXIT_MARGIN = Duration.ofSeconds(5);

  @TempDir Path tmp;
  private ClusterHarness cluster;
  private LoadGenerator load;

  @BeforeEach
  void startCluster() {
    cluster = ClusterHarness.start(tmp, 3);
  }

  @AfterEach
  void stopCluster() {
    if (load != null) {
      load.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldDrainHandOverAndExitCleanlyOnSigtermWithoutProducerErrors() {
    // Given
    cluster.createTopic(TOPIC, PARTITIONS);
    cluster.awaitLeaderCounts(TOPIC, Duration.ofSeconds(20), 4, 4, 4);
    PartitionLedger ledger = new PartitionLedger();
    load = LoadGenerator.start(cluster.bootstrap(), TOPIC, PARTITIONS, "t", ledger);
    await("first acks").atMost(Duration.ofSeconds(20)).until(() -> ledger.acked() >= 1_000);
    BrokerProcess victim = cluster.leaderOf(TOPIC, 0);

    // When
    ClusterHarness.ShutdownResult result =
        cluster.sigterm(victim, ClusterHarness.SHUTDOWN_TIMEOUT.plus(EXIT_MARGIN));

    // Then
    assertThat(result.exitCode())
        .as(
            "exit status of broker %d after SIGTERM (took %s; log %s)",
            cluster.indexOf(victim), result.took(), victim.logFile())
        .isZero();
    assertThat(result.took())
        .as("time from SIGTERM to exit")
        .isLessThanOrEqualTo(ClusterHarness.SHUTDOWN_TIMEOUT.plus(EXIT_MARGIN));
    cluster.awaitLeadersAmong(
        TOPIC,
        cluster.brokers().stream().filter(b -> b != victim).toList(),
        Duration.ofSeconds(20));
    long handedOverAt = System.nanoTime();
    await("every partition acknowledges again after the hand-over")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                java.util.stream.IntStream.range(0, PARTITIONS)
                    .allMatch(p -> ledger.acksAfter(p, handedOverAt) > 0));
    load.stopAndFlush(Duration.ofSeconds(60));

    ledger.assertNoFailures();
    ledger.assertExactlyOnce(PartitionReader.readAll(cluster.liveBootstrap(), TOPIC, PARTITIONS));
  }
}
