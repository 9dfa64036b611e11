/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A live broker as registered under its lease: id, advertised endpoint, rack (empty = none), start
 * time, whether it is draining (shutting down), the random incarnation of its process, and the port
 * of its admin HTTP server on the advertised host (0 = unknown).
 */
public record BrokerRecord(
    int brokerId,
    String host,
    int port,
    Optional<String> rack,
    long startedAtMs,
    boolean draining,
    String incarnation,
    int adminPort) {
  public BrokerRecord {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(rack, "rack");
    Objects.requireNonNull(incarnation, "incarnation");
  }

  /** A registration whose admin port is unknown. */
  public BrokerRecord(
      int brokerId,
      String host,
      int port,
      Optional<String> rack,
      long startedAtMs,
      boolean draining,
      String incarnation) {
    this(brokerId, host, port, rack, startedAtMs, draining, incarnation, 0);
  }

  /** The same registration with {@code draining} set. */
  public BrokerRecord asDraining() {
    return new BrokerRecord(brokerId, host, port, rack, startedAtMs, true, incarnation, adminPort);
  }

  /** The same registration under another broker id (used when the id is allocated). */
  public BrokerRecord withBrokerId(int id) {
    return new BrokerRecord(id, host, port, rack, startedAtMs, draining, incarnation, adminPort);
  }

  /** The admin HTTP address {@code host:adminPort}, when the admin port is known. */
  public Optional<String> adminAddress() {
    return adminPort > 0 ? Optional.of(host + ":" + adminPort) : Optional.empty();
  }
}
