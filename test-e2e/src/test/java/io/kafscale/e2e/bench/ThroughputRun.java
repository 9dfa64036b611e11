/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.bench;

import io.kafscale.broker.metrics.PrometheusText;
import io.kafscale.broker.testing.BrokerProcess;
import io.kafscale.e2e.cluster.ClusterHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Phase one of the cluster benchmark: on a fresh cluster, ProducerPerformance through every broker
 * into one topic, with etcd's write counters and the brokers' flush counters read before and after
 * (and etcd's over an idle interval before, as the background rate). Not thread-safe.
 */
public final class ThroughputRun {
  /** etcd counters compared; absent ones are skipped. */
  static final List<String> ETCD_COUNTERS =
      List.of(
          "etcd_server_proposals_committed_total",
          "etcd_mvcc_put_total",
          "etcd_mvcc_txn_total",
          "etcd_mvcc_delete_total");

  private static final String FLUSHES = "kafscale_storage_flushes_total";
  private static final String TOPIC = "bench-cluster";
  private static final Duration IDLE = Duration.ofSeconds(5);

  private ThroughputRun() {}

  /**
   * What one run measured.
   *
   * @param producer the tool's summary
   * @param window wall time between the scrapes around the tool (includes its JVM start)
   * @param etcdDelta counter name to its increase over {@code window}
   * @param etcdIdle counter name to its increase over {@code idle} before the run
   * @param flushes increase of the brokers' flush count (summed) over {@code window}
   */
  public record Result(
      ProducerPerfSummary producer,
      Duration window,
      Map<String, Double> etcdDelta,
      Duration idle,
      Map<String, Double> etcdIdle,
      double flushes) {}

  /** Starts a cluster under {@code dir}, measures, and stops it. */
  public static Result run(BenchSettings settings, Path dir, BenchResources open) {
    ClusterHarness cluster =
        open.track(ClusterHarness.start(dir, settings.brokers(), settings.brokerEnv()));
    try {
      cluster.createTopic(TOPIC, settings.partitions());
      cluster.awaitLeadersAmong(TOPIC, cluster.brokers(), Duration.ofSeconds(60));
      String etcdMetrics = cluster.etcd().endpoint() + "/metrics";

      Map<String, Double> idleStart = etcdCounters(etcdMetrics);
      pause(IDLE);
      Map<String, Double> idleEnd = etcdCounters(etcdMetrics);

      Map<String, Double> before = etcdCounters(etcdMetrics);
      double flushesBefore = flushes(cluster.brokers());
      long start = System.nanoTime();
      ProducerPerfSummary summary =
          ProducerPerformanceTool.run(
              cluster.bootstrap(), TOPIC, settings.records(), settings.recordSize(), open);
      Duration window = Duration.ofNanos(System.nanoTime() - start);
      Map<String, Double> after = etcdCounters(etcdMetrics);
      double flushesAfter = flushes(cluster.brokers());
      return new Result(
          summary,
          window,
          delta(before, after),
          IDLE,
          delta(idleStart, idleEnd),
          flushesAfter - flushesBefore);
    } finally {
      open.close(cluster);
    }
  }

  static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> delta = new LinkedHashMap<>();
    after.forEach((name, value) -> delta.put(name, value - before.getOrDefault(name, 0.0)));
    return delta;
  }

  private static Map<String, Double> etcdCounters(String url) {
    PrometheusText.Exposition page = PrometheusText.parse(MetricsPages.scrape(url));
    Map<String, Double> counters = new LinkedHashMap<>();
    for (String name : ETCD_COUNTERS) {
      page.sum(name).ifPresent(value -> counters.put(name, value));
    }
    return counters;
  }

  private static double flushes(List<BrokerProcess> brokers) {
    double total = 0;
    for (BrokerProcess broker : brokers) {
      String page = MetricsPages.scrape("http://127.0.0.1:" + broker.adminPort() + "/metrics");
      total += PrometheusText.parse(page).sum(FLUSHES).orElse(0);
    }
    return total;
  }

  /** The idle baseline is a wall-clock interval by definition; this is a benchmark, not a test. */
  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
