/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cluster benchmark run by scripts/bench-cluster.sh ({@code make bench-cluster}); not a test.
 * On clusters of broker jar processes sharing one etcd and the S3Mock store ({@link
 * io.kafscale.e2e.cluster.ClusterHarness}) it measures ProducerPerformance throughput, etcd writes
 * per second while producing (next to the brokers' flush count) and failover time after kill -9 of
 * a partition leader (median of {@code BENCH_FAILOVER_RUNS} rounds, each on a fresh cluster), then
 * prints a compact summary. Settings: {@link BenchSettings}. Usage: {@code ClusterBench [WORKDIR]}.
 */
public final class ClusterBench {
  private ClusterBench() {}

  public static void main(String[] args) {
    BenchSettings settings = BenchSettings.from(System.getenv());
    Path work = Path.of(args.length > 0 ? args[0] : "bench-cluster").toAbsolutePath();
    BenchResources open = new BenchResources();
    // Registered before S3MockServer.shared() registers its own hook; both run on SIGTERM.
    Runtime.getRuntime().addShutdownHook(new Thread(open::closeAll, "bench-cluster-cleanup"));
    int exit = 0;
    try {
      System.out.printf("bench-cluster: %s%n", describe(settings));
      ThroughputRun.Result throughput = ThroughputRun.run(settings, work.resolve("produce"), open);
      List<FailoverRun.Outcome> rounds = new ArrayList<>();
      for (int i = 1; i <= settings.failoverRuns(); i++) {
        System.out.printf("bench-cluster: failover round %d of %d%n", i, settings.failoverRuns());
        FailoverRun.Outcome outcome =
            FailoverRun.run(settings, work.resolve("failover-" + i), "r" + i, open);
        System.out.printf(
            "bench-cluster: round %d: produce to partition 0 acknowledged again %d ms after kill -9"
                + " of broker[%d] (%d failed sends)%n",
            i, outcome.recovery().toMillis(), outcome.victimIndex(), outcome.failedSends());
        rounds.add(outcome);
      }
      System.out.println(summary(settings, throughput, rounds));
    } catch (RuntimeException | Error e) { // e.g. a missing class: still stop what was started
      e.printStackTrace();
      exit = 1;
    } finally {
      open.closeAll();
    }
    System.exit(exit); // Kafka client and HTTP threads must not keep the JVM alive
  }

  static String summary(BenchSettings s, ThroughputRun.Result t, List<FailoverRun.Outcome> rounds) {
    double seconds = t.producer().sendDuration().toNanos() / 1e9;
    StringBuilder out = new StringBuilder("\n== bench-cluster summary ==\n");
    out.append(describe(s)).append('\n');
    out.append(
        String.format(
            "produce   ProducerPerformance %,d x %d B, acks=all: %s%n",
            s.records(), s.recordSize(), t.producer().compact()));
    out.append(
        String.format(
            "etcd      during produce (%.1f s sending, %.1f s window): %s%n",
            seconds, t.window().toMillis() / 1e3, rates(t.etcdDelta(), seconds)));
    out.append(
        String.format(
            "etcd      idle before (%d s): %s%n",
            t.idle().toSeconds(), rates(t.etcdIdle(), t.idle().toMillis() / 1e3)));
    double proposals = t.etcdDelta().getOrDefault(ThroughputRun.ETCD_COUNTERS.get(0), 0.0);
    out.append(
        String.format(
            "flushes   brokers' kafscale_storage_flushes_total: %,.0f (%.1f/s), %.2f etcd"
                + " proposals per flush%n",
            t.flushes(), t.flushes() / seconds, t.flushes() > 0 ? proposals / t.flushes() : 0.0));
    List<Long> millis = rounds.stream().map(r -> r.recovery().toMillis()).sorted().toList();
    out.append(
        String.format(
            "failover  kill -9 of partition 0's leader -> next ack, lease TTL %d ms, fresh"
                + " cluster per round: %s ms; median %s%n",
            s.leaseTtl().toMillis(),
            rounds.stream()
                .map(r -> Long.toString(r.recovery().toMillis()))
                .collect(Collectors.joining(", ")),
            millis.isEmpty() ? "n/a" : String.format("%.0f ms", median(millis))));
    return out.toString();
  }

  static double median(List<Long> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  private static String describe(BenchSettings s) {
    return String.format(
        "%d brokers (broker jar processes), one etcd, S3Mock, %d partitions, lease TTL %d ms,"
            + " broker env %s",
        s.brokers(), s.partitions(), s.leaseTtl().toMillis(), s.brokerEnv());
  }

  private static String rates(Map<String, Double> delta, double seconds) {
    if (delta.isEmpty()) {
      return "no etcd counters found";
    }
    return delta.entrySet().stream()
        .map(
            e ->
                String.format(
                    "%s %,.0f (%.1f/s)",
                    e.getKey().replace("etcd_", "").replace("_total", ""),
                    e.getValue(),
                    e.getValue() / seconds))
        .collect(Collectors.joining(", "));
  }
}
