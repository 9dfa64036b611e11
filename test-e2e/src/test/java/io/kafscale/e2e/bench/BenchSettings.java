/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Knobs of the cluster benchmark, read from {@code BENCH_*} variables (the environment when run by
 * scripts/bench-cluster.sh). Defaults live here only; every bad value is reported at once.
 * Immutable.
 *
 * @param brokers brokers per cluster ({@code BENCH_BROKERS}, 3)
 * @param partitions partitions of the benchmark topics ({@code BENCH_PARTITIONS}, 12)
 * @param records records ProducerPerformance sends ({@code BENCH_RECORDS}, 1,000,000)
 * @param recordSize bytes per record ({@code BENCH_RECORD_SIZE}, 1024)
 * @param failoverRuns kill -9 rounds, each on a fresh cluster ({@code BENCH_FAILOVER_RUNS}, 5)
 * @param leaseTtl broker lease TTL ({@code BENCH_LEASE_TTL_MS}, 10000 = the product default)
 * @param brokerEnv extra broker variables ({@code BENCH_BROKER_ENV}, "K=V K=V")
 */
public record BenchSettings(
    int brokers,
    int partitions,
    long records,
    int recordSize,
    int failoverRuns,
    Duration leaseTtl,
    Map<String, String> brokerEnv) {

  /** The broker's own default flush age: the test fixture's 5 ms would flatter the figures. */
  private static final String PRODUCT_FLUSH_INTERVAL_MS = "10";

  public BenchSettings {
    brokerEnv = Map.copyOf(brokerEnv);
  }

  /** Reads the settings from {@code env}; fails listing every invalid value. */
  public static BenchSettings from(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    int brokers = (int) number(env, "BENCH_BROKERS", 3, 1, problems);
    int partitions = (int) number(env, "BENCH_PARTITIONS", 12, 1, problems);
    long records = number(env, "BENCH_RECORDS", 1_000_000, 1, problems);
    int recordSize = (int) number(env, "BENCH_RECORD_SIZE", 1024, 1, problems);
    int failoverRuns = (int) number(env, "BENCH_FAILOVER_RUNS", 5, 0, problems);
    long leaseTtlMs = number(env, "BENCH_LEASE_TTL_MS", 10_000, 1_000, problems);
    Map<String, String> brokerEnv = new HashMap<>();
    brokerEnv.put("KAFSCALE_FLUSH_INTERVAL_MS", PRODUCT_FLUSH_INTERVAL_MS);
    brokerEnv.put("KAFSCALE_BROKER_LEASE_TTL_MS", Long.toString(leaseTtlMs));
    for (String pair : env.getOrDefault("BENCH_BROKER_ENV", "").trim().split("\\s+")) {
      int eq = pair.indexOf('=');
      if (pair.isEmpty()) {
        continue;
      } else if (eq <= 0 || !pair.startsWith("KAFSCALE_")) {
        problems.add("BENCH_BROKER_ENV: expected KAFSCALE_NAME=VALUE, got '" + pair + "'");
      } else {
        brokerEnv.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid benchmark settings: " + problems);
    }
    return new BenchSettings(
        brokers,
        partitions,
        records,
        recordSize,
        failoverRuns,
        Duration.ofMillis(Long.parseLong(brokerEnv.get("KAFSCALE_BROKER_LEASE_TTL_MS"))),
        brokerEnv);
  }

  private static long number(
      Map<String, String> env, String name, long fallback, long min, List<String> problems) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(raw.trim().replace("_", ""));
      if (value >= min) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below together with the range problem
    }
    problems.add(name + ": expected an integer >= " + min + ", got '" + raw + "'");
    return fallback;
  }
}
