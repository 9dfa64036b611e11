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
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leader paused with SIGSTOP for longer than its lease, then resumed: its partitions fail over
 * while it is frozen, whatever it had in flight never becomes visible twice or out of order, it
 * notices on waking that it lost its lease, and it rejoins and leads partitions again.
 */
class ClusterPauseIT {
  private static final String TOPIC = "pause";
  private static final int PARTITIONS = 12;
  private static final Duration PAUSE = ClusterHarness.LEASE_TTL.multipliedBy(2);

  /**
   * What a broker logs when it learns its lease or ownership is gone (LeaseKeeper, ClusterNode).
   */
  private static final Pattern LOST_LEASE =
      Pattern.compile(
          "(?i)(lease (lost|gone|expired|revoked))|((lost|revoked|expired).{0,40}(lease|ownership))|fenced");

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
  void shouldFailOverFromAPausedLeaderAndLetItRejoinAfterResumeWithoutDuplicates() {
    // Given
    cluster.createTopic(TOPIC, PARTITIONS);
    cluster.awaitLeaderCounts(TOPIC, Duration.ofSeconds(20), 4, 4, 4);
    PartitionLedger ledger = new PartitionLedger();
    load = LoadGenerator.start(cluster.bootstrap(), TOPIC, PARTITIONS, "p", ledger);
    await("first acks").atMost(Duration.ofSeconds(20)).until(() -> ledger.acked() >= 1_000);
    BrokerProcess victim = cluster.leaderOf(TOPIC, 0);
    List<Integer> victimPartitions = cluster.partitionsLedBy(TOPIC, victim);
    List<BrokerProcess> others = cluster.brokers().stream().filter(b -> b != victim).toList();

    // When: frozen past its lease while produce continues
    long pausedAt = System.nanoTime();
    cluster.sigstop(victim);
    cluster.awaitLeadersAmong(TOPIC, others, Duration.ofSeconds(20));
    await("produce to the paused broker's partitions " + victimPartitions + " succeeds elsewhere")
        .atMost(Duration.ofSeconds(30))
        .until(() -> victimPartitions.stream().allMatch(p -> ledger.acksAfter(p, pausedAt) > 0));
    await("paused for " + PAUSE)
        .atMost(PAUSE.plusSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> System.nanoTime() - pausedAt >= PAUSE.toNanos());
    int logBeforeResume = victim.log().length();
    cluster.sigcont(victim);

    // Then: it knows it lost the lease, is ready again and leads partitions again
    await(
            "broker "
                + cluster.indexOf(victim)
                + " logs that it lost its lease/ownership (log "
                + victim.logFile()
                + ")")
        .atMost(Duration.ofSeconds(20))
        .until(() -> LOST_LEASE.matcher(victim.log().substring(logBeforeResume)).find());
    await("resumed broker /readyz is 200")
        .atMost(Duration.ofSeconds(30))
        .until(() -> victim.readyzStatus() == 200);
    await("resumed broker leads some partitions of " + TOPIC + " again")
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(cluster.partitionsLedBy(TOPIC, victim))
                    .as(
                        "partitions led by broker %d (all leaders: %s)",
                        cluster.indexOf(victim), cluster.leaders(TOPIC))
                    .isNotEmpty());
    int ackedAfterRejoin = ledger.acked();
    await("more acks after the rejoin")
        .atMost(Duration.ofSeconds(20))
        .until(() -> ledger.acked() >= ackedAfterRejoin + 1_000);
    load.stopAndFlush(Duration.ofSeconds(60));

    ledger.assertOnlyRetriableFailures();
    ledger.assertExactlyOnce(PartitionReader.readAll(cluster.liveBootstrap(), TOPIC, PARTITIONS));
    assertThat(victim.isAlive()).as("resumed broker still runs").isTrue();
  }
}
