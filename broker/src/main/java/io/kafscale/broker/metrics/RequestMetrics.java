/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * Per-API request meters ({@link BrokerMeters#REQUESTS}, {@link BrokerMeters#REQUEST_ERRORS},
 * {@link BrokerMeters#REQUEST_LATENCY}), registered lazily on first use of an API so {@code
 * /metrics} lists only APIs clients actually call. Thread-safe.
 */
public final class RequestMetrics {
  /** The meters of one API. */
  public record ApiMeters(Counter requests, Counter errors, Timer latency) {}

  private static final String UNKNOWN = "unknown";

  private final MeterRegistry registry;
  private final ConcurrentMap<String, ApiMeters> byApi = new ConcurrentHashMap<>();

  public RequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Starts timing a request with the registry's clock. */
  public Timer.Sample startTimer() {
    return Timer.start(registry);
  }

  public ApiMeters forApi(ApiKeys api) {
    return forTag(api.name);
  }

  /** Meters of a request that could not be parsed; unknown keys share one tag to stay bounded. */
  public ApiMeters forUnsupported(short apiKey) {
    return ApiKeys.hasId(apiKey) ? forApi(ApiKeys.forId(apiKey)) : forTag(UNKNOWN);
  }

  private ApiMeters forTag(String api) {
    return byApi.computeIfAbsent(api, this::register);
  }

  private ApiMeters register(String api) {
    return new ApiMeters(
        Counter.builder(BrokerMeters.REQUESTS.meterName())
            .description(BrokerMeters.REQUESTS.description())
            .tag("api", api)
            .register(registry),
        Counter.builder(BrokerMeters.REQUEST_ERRORS.meterName())
            .description(BrokerMeters.REQUEST_ERRORS.description())
            .tag("api", api)
            .register(registry),
        Timer.builder(BrokerMeters.REQUEST_LATENCY.meterName())
            .description(BrokerMeters.REQUEST_LATENCY.description())
            .tag("api", api)
            .publishPercentileHistogram(false)
            .register(registry));
  }
}
