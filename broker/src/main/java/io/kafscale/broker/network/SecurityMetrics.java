/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.network;

import io.kafscale.broker.metrics.BrokerMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;

/**
 * Meters of listener security: SASL authentications by mechanism and result, and connections
 * refused by reason ({@link BrokerMeters#AUTHENTICATIONS}, {@link
 * BrokerMeters#CONNECTIONS_REFUSED}). Tag values are bounded: unknown mechanisms count as {@code
 * unknown}. Thread-safe.
 */
public final class SecurityMetrics {
  private static final Set<String> MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

  private final MeterRegistry registry;

  public SecurityMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Meters into a private registry (tests, callers without metrics). */
  public static SecurityMetrics none() {
    return new SecurityMetrics(new SimpleMeterRegistry());
  }

  public void authenticated(String mechanism, boolean success) {
    Counter.builder(BrokerMeters.AUTHENTICATIONS.meterName())
        .description(BrokerMeters.AUTHENTICATIONS.description())
        .tag("mechanism", MECHANISMS.contains(mechanism) ? mechanism : "unknown")
        .tag("result", success ? "success" : "failure")
        .register(registry)
        .increment();
  }

  /** A connection refused or closed for {@code reason} (one of the documented tag values). */
  public void refused(String reason) {
    Counter.builder(BrokerMeters.CONNECTIONS_REFUSED.meterName())
        .description(BrokerMeters.CONNECTIONS_REFUSED.description())
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** The count so far of {@link #refused(String)} for {@code reason}. */
  public double refusedCount(String reason) {
    Counter counter =
        registry.find(BrokerMeters.CONNECTIONS_REFUSED.meterName()).tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  /** The count so far of authentications with {@code result} (success/failure). */
  public double authenticationCount(String result) {
    return registry
        .find(BrokerMeters.AUTHENTICATIONS.meterName())
        .tag("result", result)
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }
}
