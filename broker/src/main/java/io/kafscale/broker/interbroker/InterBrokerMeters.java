/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.interbroker;

import io.kafscale.broker.metrics.BrokerMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * Meters of the inter-broker client: {@link BrokerMeters#INTERBROKER_REQUESTS} by API and outcome
 * and {@link BrokerMeters#INTERBROKER_REQUEST_LATENCY} by API, registered on first use (Micrometer
 * returns the same meter for the same tags). Tags are bounded: API names and four outcomes.
 * Thread-safe.
 */
final class InterBrokerMeters {
  static final String SUCCESS = "success";
  static final String TIMEOUT = "timeout";
  static final String NETWORK_ERROR = "network_error";
  static final String ERROR = "error";

  private final MeterRegistry registry;

  InterBrokerMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts one finished request ({@code failure} null when answered) and records its time. */
  void record(ApiKeys api, Throwable failure, Duration elapsed) {
    Counter.builder(BrokerMeters.INTERBROKER_REQUESTS.meterName())
        .description(BrokerMeters.INTERBROKER_REQUESTS.description())
        .tag("api", api.name)
        .tag("outcome", outcome(failure))
        .register(registry)
        .increment();
    Timer.builder(BrokerMeters.INTERBROKER_REQUEST_LATENCY.meterName())
        .description(BrokerMeters.INTERBROKER_REQUEST_LATENCY.description())
        .tag("api", api.name)
        .register(registry)
        .record(elapsed);
  }

  static String outcome(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause == null) {
      return SUCCESS;
    }
    if (cause instanceof org.apache.kafka.common.errors.TimeoutException
        || cause instanceof TimeoutException) {
      return TIMEOUT;
    }
    return cause instanceof NetworkException ? NETWORK_ERROR : ERROR;
  }
}
