/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/** Connection-level meters shared by every connection of one Kafka listener. Thread-safe. */
public final class ConnectionMetrics {
  /** Why the broker closed a connection; the values of the {@code reason} tag. */
  public enum CloseReason {
    FRAME_TOO_LARGE,
    MALFORMED,
    UNSUPPORTED_REQUEST,
    ERROR;

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final MeterRegistry registry;
  private final AtomicLong active = new AtomicLong();
  private final AtomicLong inflightBytes = new AtomicLong();
  private final Counter accepted;
  private final Counter pauses;

  public ConnectionMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder(BrokerMeters.CONNECTIONS_ACTIVE.meterName(), active, AtomicLong::get)
        .description(BrokerMeters.CONNECTIONS_ACTIVE.description())
        .register(registry);
    Gauge.builder(BrokerMeters.INFLIGHT_REQUEST_BYTES.meterName(), inflightBytes, AtomicLong::get)
        .description(BrokerMeters.INFLIGHT_REQUEST_BYTES.description())
        .baseUnit("bytes")
        .register(registry);
    accepted =
        Counter.builder(BrokerMeters.CONNECTIONS_ACCEPTED.meterName())
            .description(BrokerMeters.CONNECTIONS_ACCEPTED.description())
            .register(registry);
    pauses =
        Counter.builder(BrokerMeters.BACKPRESSURE_PAUSES.meterName())
            .description(BrokerMeters.BACKPRESSURE_PAUSES.description())
            .register(registry);
    for (CloseReason reason : CloseReason.values()) {
      closedCounter(reason);
    }
  }

  public void connectionOpened() {
    accepted.increment();
    active.incrementAndGet();
  }

  public void connectionClosed() {
    active.decrementAndGet();
  }

  public void inflightBytesChanged(long delta) {
    inflightBytes.addAndGet(delta);
  }

  public void paused() {
    pauses.increment();
  }

  public void closedByBroker(CloseReason reason) {
    closedCounter(reason).increment();
  }

  public long activeConnections() {
    return active.get();
  }

  public long inflightBytes() {
    return inflightBytes.get();
  }

  private Counter closedCounter(CloseReason reason) {
    return Counter.builder(BrokerMeters.CONNECTIONS_CLOSED_BY_BROKER.meterName())
        .description(BrokerMeters.CONNECTIONS_CLOSED_BY_BROKER.description())
        .tag("reason", reason.tag())
        .register(registry);
  }
}
