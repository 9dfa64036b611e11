/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A live broker as registered under its lease: id, advertised endpoint, rack (empty = none), start
 * time, whether it is draining (shutting down), and the random incarnation of its process.
 */
public record BrokerRecord(
    int brokerId,
    String host,
    int port,
    Optional<String> rack,
    long startedAtMs,
    boolean draining,
    String incarnation) {
  public BrokerRecord {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(rack, "rack");
    Objects.requireNonNull(incarnation, "incarnation");
  }

  /** The same registration with {@code draining} set. */
  public BrokerRecord asDraining() {
    return new BrokerRecord(brokerId, host, port, rack, startedAtMs, true, incarnation);
  }

  /** The same registration under another broker id (used when the id is allocated). */
  public BrokerRecord withBrokerId(int id) {
    return new BrokerRecord(id, host, port, rack, startedAtMs, draining, incarnation);
  }
}
