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
 * One idempotent producer keeps producing while leader after leader is frozen past its lease and
 * resumed. After every pause each partition must acknowledge records again: a producer whose
 * requests were in flight to the frozen owner (its first ones on a partition, or ones that owner
 * committed without answering) must not stay wedged on the new owner. The first pause comes as the
 * producer starts, so its first requests to a partition may be the ones in flight. At the end every
 * acknowledged record is in the log exactly once. {@link ClusterPauseIT} checks one pause in
 * detail.
 */
class ClusterPauseSoakIT {
  private static final String TOPIC = "soak";
  private static final int PARTITIONS = 12;
  private static final int PAUSES = 6;
  private static final Duration PAUSE = ClusterHarness.LEASE_TTL.multipliedBy(2);

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
  void shouldKeepEveryPartitionAcknowledgingAcrossRepeatedPausesOfLeaders() {
    // Given
    cluster.createTopic(TOPIC, PARTITIONS);
    cluster.awaitLeaderCounts(TOPIC, Duration.ofSeconds(20), 4, 4, 4);
    PartitionLedger ledger = new PartitionLedger();
    BrokerProcess first = cluster.leaderOf(TOPIC, 0);
    load = LoadGenerator.start(cluster.bootstrap(), TOPIC, PARTITIONS, "s", ledger);
    await("first sends").atMost(Duration.ofSeconds(10)).until(() -> load.sent() > 0);

    for (int pause = 0; pause < PAUSES; pause++) {
      // When: the leader of one partition freezes past its lease, then resumes
      BrokerProcess victim = pause == 0 ? first : cluster.leaderOf(TOPIC, pause % PARTITIONS);
      List<BrokerProcess> others = cluster.brokers().stream().filter(b -> b != victim).toList();
      long pausedAt = System.nanoTime();
      cluster.sigstop(victim);
      cluster.awaitLeadersAmong(TOPIC, others, Duration.ofSeconds(20));
      await("paused for " + PAUSE)
          .atMost(PAUSE.plusSeconds(5))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> System.nanoTime() - pausedAt >= PAUSE.toNanos());
      cluster.sigcont(victim);
      await("resumed broker /readyz is 200")
          .atMost(Duration.ofSeconds(30))
          .until(() -> victim.readyzStatus() == 200);
      await("resumed broker leads partitions again")
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> !cluster.partitionsLedBy(TOPIC, victim).isEmpty());

      // Then: every partition acknowledges records again
      long rejoinedAt = System.nanoTime();
      int round = pause;
      await("pause " + round + ": every partition acknowledges records after the rejoin")
          .atMost(Duration.ofSeconds(40))
          .untilAsserted(
              () ->
                  assertThat(silentSince(ledger, rejoinedAt))
                      .as(
                          "partitions without an ack since the rejoin of broker %d (leaders: %s)",
                          cluster.indexOf(victim), cluster.leaders(TOPIC))
                      .isEmpty());
    }
    load.stopAndFlush(Duration.ofSeconds(60));

    ledger.assertOnlyRetriableFailures();
    ledger.assertExactlyOnce(PartitionReader.readAll(cluster.liveBootstrap(), TOPIC, PARTITIONS));
  }

  private static List<Integer> silentSince(PartitionLedger ledger, long nanoTime) {
    return IntStream.range(0, PARTITIONS)
        .filter(p -> ledger.acksAfter(p, nanoTime) == 0)
        .boxed()
        .toList();
  }
}
