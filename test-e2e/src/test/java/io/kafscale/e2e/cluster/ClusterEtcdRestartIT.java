/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcd stopped for a few seconds (less than the lease TTL) and restarted on the same data while
 * producers run: the broker processes ride it out without restarting, produce resumes and nothing
 * acknowledged is lost or duplicated.
 */
class ClusterEtcdRestartIT {
  private static final String TOPIC = "etcd-restart";
  private static final int PARTITIONS = 12;
  private static final Duration OUTAGE = Duration.ofMillis(2_500);

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
  void shouldRecoverFromAnEtcdRestartWithoutRestartingBrokersOrLosingRecords() {
    // Given
    cluster.createTopic(TOPIC, PARTITIONS);
    cluster.awaitLeaderCounts(TOPIC, Duration.ofSeconds(20), 4, 4, 4);
    PartitionLedger ledger = new PartitionLedger();
    load = LoadGenerator.start(cluster.bootstrap(), TOPIC, PARTITIONS, "e", ledger);
    await("first acks").atMost(Duration.ofSeconds(20)).until(() -> ledger.acked() >= 1_000);
    List<Long> pids = cluster.brokers().stream().map(BrokerProcess::pid).toList();

    // When
    long stoppedAt = System.nanoTime();
    cluster.stopEtcd();
    await("etcd down for " + OUTAGE)
        .atMost(OUTAGE.plusSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> System.nanoTime() - stoppedAt >= OUTAGE.toNanos());
    cluster.startEtcd();
    long restartedAt = System.nanoTime();

    // Then
    await("every partition acknowledges again after etcd is back")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                IntStream.range(0, PARTITIONS).allMatch(p -> ledger.acksAfter(p, restartedAt) > 0));
    int ackedNow = ledger.acked();
    await("more acks")
        .atMost(Duration.ofSeconds(20))
        .until(() -> ledger.acked() >= ackedNow + 1_000);
    await("every broker ready again")
        .atMost(Duration.ofSeconds(20))
        .until(() -> cluster.brokers().stream().allMatch(b -> b.readyzStatus() == 200));
    assertThat(cluster.brokers())
        .as("brokers still running after the etcd restart\n%s", cluster.describe())
        .allSatisfy(b -> assertThat(b.isAlive()).isTrue());
    assertThat(cluster.brokers().stream().map(BrokerProcess::pid).toList())
        .as("broker pids (none restarted)")
        .isEqualTo(pids);
    load.stopAndFlush(Duration.ofSeconds(60));

    ledger.assertOnlyRetriableFailures();
    ledger.assertExactlyOnce(PartitionReader.readAll(cluster.liveBootstrap(), TOPIC, PARTITIONS));
  }
}
