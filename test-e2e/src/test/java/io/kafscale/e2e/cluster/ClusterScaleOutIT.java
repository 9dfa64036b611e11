/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fourth broker joins a loaded three-broker cluster: it takes a fair share of the partitions (12
 * → 3/3/3/3), running producers follow the moved leaders, and clients that know only the new broker
 * produce and consume through it.
 */
class ClusterScaleOutIT {
  private static final String TOPIC = "scale-out";
  private static final int PARTITIONS = 12;

  @TempDir Path tmp;
  private ClusterHarness cluster;
  private LoadGenerator load;
  private LoadGenerator viaNewBroker;

  @BeforeEach
  void startCluster() {
    cluster = ClusterHarness.start(tmp, 3);
  }

  @AfterEach
  void stopCluster() {
    for (LoadGenerator generator : new LoadGenerator[] {load, viaNewBroker}) {
      if (generator != null) {
        generator.close();
      }
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldGiveAJoiningBrokerAFairShareAndKeepClientsWorking() {
    // Given
    cluster.createTopic(TOPIC, PARTITIONS);
    cluster.awaitLeaderCounts(TOPIC, Duration.ofSeconds(20), 4, 4, 4);
    PartitionLedger ledger = new PartitionLedger();
    load = LoadGenerator.start(cluster.bootstrap(), TOPIC, PARTITIONS, "old", ledger);
    await("first acks").atMost(Duration.ofSeconds(20)).until(() -> ledger.acked() >= 1_000);

    // When
    BrokerProcess fourth = cluster.addBroker();

    // Then
    cluster.awaitLeaderCounts(TOPIC, Duration.ofSeconds(30), 3, 3, 3, 3);
    long movedAt = System.nanoTime();
    viaNewBroker = LoadGenerator.start(fourth.bootstrapServers(), TOPIC, PARTITIONS, "new", ledger);
    await("every partition acknowledges again after the move")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> IntStream.range(0, PARTITIONS).allMatch(p -> ledger.acksAfter(p, movedAt) > 0));
    int ackedNow = ledger.acked();
    await("more acks")
        .atMost(Duration.ofSeconds(20))
        .until(() -> ledger.acked() >= ackedNow + 1_000);
    load.stopAndFlush(Duration.ofSeconds(60));
    viaNewBroker.stopAndFlush(Duration.ofSeconds(60));

    ledger.assertOnlyRetriableFailures();
    assertThat(viaNewBroker.sent()).as("records sent through the new broker").isPositive();
    ledger.assertExactlyOnce(PartitionReader.readAll(fourth.bootstrapServers(), TOPIC, PARTITIONS));
  }
}
