/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.interbroker;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the inter-broker client: the client id it sends, how long a connect and a request may
 * take, the reconnect backoff (doubling from {@code reconnectBackoff} up to {@code
 * reconnectBackoffMax}) and the largest response frame accepted. Immutable.
 */
public record InterBrokerSettings(
    String clientId,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration reconnectBackoff,
    Duration reconnectBackoffMax,
    int maxFrameBytes) {

  public InterBrokerSettings {
    Objects.requireNonNull(clientId, "clientId");
    if (connectTimeout.isNegative()
        || requestTimeout.isNegative()
        || reconnectBackoff.isNegative()
        || reconnectBackoffMax.compareTo(reconnectBackoff) < 0) {
      throw new IllegalArgumentException("invalid inter-broker client durations");
    }
    if (maxFrameBytes < 8) {
      throw new IllegalArgumentException("maxFrameBytes must be at least 8");
    }
  }

  /** Defaults for broker {@code brokerId}: Kafka's inter-broker timeouts and backoffs. */
  public static InterBrokerSettings defaults(int brokerId) {
    return new InterBrokerSettings(
        "kafscale-broker-" + brokerId,
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofMillis(50),
        Duration.ofSeconds(1),
        100 << 20);
  }
}
