/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a partition's leader under continuous acks=all idempotent produce: another broker
 * takes the partition over, nothing acknowledged is lost or duplicated, and the time until produce
 * to that partition succeeds again is reported (stdout and {@code target/cluster-failover.txt}).
 */
class ClusterFailoverIT {
  private static final String TOPIC = "failover";
  private static final int PARTITIONS = 12;
  private static final int VICTIM_PARTITION = 0;
  private static final Path REPORT = Path.of("target", "cluster-failover.txt");

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
  void shouldKeepEveryAcknowledgedRecordExactlyOnceWhenALeaderIsKilled() throws IOException {
    // Given
    cluster.createTopic(TOPIC, PARTITIONS);
    cluster.awaitLeaderCounts(TOPIC, Duration.ofSeconds(20), 4, 4, 4);
    PartitionLedger ledger = new PartitionLedger();
    load = LoadGenerator.start(cluster.bootstrap(), TOPIC, PARTITIONS, "f", ledger);
    await("first acks").atMost(Duration.ofSeconds(20)).until(() -> ledger.acked() >= 1_000);
    BrokerProcess victim = cluster.leaderOf(TOPIC, VICTIM_PARTITION);

    // When
    long killedAt = System.nanoTime();
    cluster.kill9(victim);

    // Then: produce to the victim's partition succeeds again, through another leader
    await("produce to " + TOPIC + "-" + VICTIM_PARTITION + " succeeds after kill -9 of its leader")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> ledger.firstAckAfter(VICTIM_PARTITION, killedAt).isPresent());
    Duration recovery =
        Duration.ofNanos(ledger.firstAckAfter(VICTIM_PARTITION, killedAt).getAsLong() - killedAt);
    report(recovery);
    cluster.awaitLeadersAmong(
        TOPIC,
        cluster.brokers().stream().filter(b -> b != victim).toList(),
        Duration.ofSeconds(20));
    int ackedAtRecovery = ledger.acked();
    await("more acks after failover")
        .atMost(Duration.ofSeconds(20))
        .until(() -> ledger.acked() >= ackedAtRecovery + 2_000);
    load.stopAndFlush(Duration.ofSeconds(60));

    ledger.assertOnlyRetriableFailures();
    ledger.assertExactlyOnce(PartitionReader.readAll(cluster.liveBootstrap(), TOPIC, PARTITIONS));
    assertThat(recovery).as("failover time after kill -9").isLessThan(Duration.ofSeconds(30));
  }

  private static void report(Duration recovery) throws IOException {
    String line =
        Instant.now()
            + " failover after kill -9 of the leader of "
            + TOPIC
            + "-"
            + VICTIM_PARTITION
            + ": produce succeeded again after "
            + recovery.toMillis()
            + " ms (lease TTL "
            + ClusterHarness.LEASE_TTL.toMillis()
            + " ms)\n";
    System.out.print(line);
    Files.createDirectories(REPORT.toAbsolutePath().getParent());
    Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
