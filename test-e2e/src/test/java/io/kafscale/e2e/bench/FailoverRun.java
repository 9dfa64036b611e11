/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.bench;

import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerProcess;
import io.kafscale.e2e.cluster.ClusterHarness;
import io.kafscale.e2e.cluster.LoadGenerator;
import io.kafscale.e2e.cluster.PartitionLedger;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One failover round of the cluster benchmark, on a fresh cluster (so rounds are independent and
 * none starts with a broker still catching up): steady acks=all idempotent produce over every
 * partition ({@link LoadGenerator}, about 1,000 records/s), kill -9 of partition 0's leader, and
 * the time from the kill until a record to partition 0 is acknowledged again. Not thread-safe.
 */
public final class FailoverRun {
  private static final String TOPIC = "bench-failover";
  private static final int VICTIM_PARTITION = 0;
  private static final int WARM_UP_ACKS = 500;

  private FailoverRun() {}

  /**
   * What one round measured.
   *
   * @param recovery kill -9 to the first ack of a record to the victim partition
   * @param victimIndex index of the killed broker in the cluster
   * @param failedSends producer callbacks that failed during the round (retriable or not)
   */
  public record Outcome(Duration recovery, int victimIndex, int failedSends) {}

  /** Starts a cluster under {@code dir}, runs the round, and stops the cluster. */
  public static Outcome run(BenchSettings settings, Path dir, String name, BenchResources open) {
    ClusterHarness cluster =
        open.track(ClusterHarness.start(dir, settings.brokers(), settings.brokerEnv()));
    LoadGenerator load = null;
    try {
      cluster.createTopic(TOPIC, settings.partitions());
      cluster.awaitLeadersAmong(TOPIC, cluster.brokers(), Duration.ofSeconds(60));
      PartitionLedger ledger = new PartitionLedger();
      load =
          open.track(
              LoadGenerator.start(cluster.bootstrap(), TOPIC, settings.partitions(), name, ledger));
      await("steady produce before the kill")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  ledger.acked() >= WARM_UP_ACKS
                      && ledger.firstAckAfter(VICTIM_PARTITION, 0).isPresent());
      BrokerProcess victim = cluster.leaderOf(TOPIC, VICTIM_PARTITION);

      long killedAt = System.nanoTime();
      cluster.kill9(victim);
      // The ack times come from the producer callbacks, so the poll interval does not matter.
      await("produce to " + TOPIC + "-" + VICTIM_PARTITION + " after kill -9 of its leader")
          .atMost(settings.leaseTtl().multipliedBy(3).plusSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> ledger.firstAckAfter(VICTIM_PARTITION, killedAt).isPresent());
      long ackedAt = ledger.firstAckAfter(VICTIM_PARTITION, killedAt).getAsLong();
      return new Outcome(
          Duration.ofNanos(ackedAt - killedAt), cluster.indexOf(victim), ledger.failures().size());
    } finally {
      open.close(load);
      open.close(cluster);
    }
  }
}
