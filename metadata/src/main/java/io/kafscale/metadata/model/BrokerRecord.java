/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A live broker as registered under its lease: id, advertised endpoint, rack (empty = none), start
 * time, whether it is draining (shutting down), the random incarnation of its process, the port of
 * its admin HTTP server on the advertised host (0 = unknown), and the advertised endpoint of every
 * named Kafka listener ({@code host}/{@code port} are the inter-broker listener's; the list is
 * empty for a broker with the single default listener or one registered before listeners existed).
 */
public record BrokerRecord(
    int brokerId,
    String host,
    int port,
    Optional<String> rack,
    long startedAtMs,
    boolean draining,
    String incarnation,
    int adminPort,
    List<ListenerEndpoint> listeners) {
  public BrokerRecord {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(rack, "rack");
    Objects.requireNonNull(incarnation, "incarnation");
    listeners = List.copyOf(listeners);
  }

  /** A registration with only the default listener. */
  public BrokerRecord(
      int brokerId,
      String host,
      int port,
      Optional<String> rack,
      long startedAtMs,
      boolean draining,
      String incarnation,
      int adminPort) {
    this(brokerId, host, port, rack, startedAtMs, draining, incarnation, adminPort, List.of());
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
    return new BrokerRecord(
        brokerId, host, port, rack, startedAtMs, true, incarnation, adminPort, listeners);
  }

  /** The same registration under another broker id (used when the id is allocated). */
  public BrokerRecord withBrokerId(int id) {
    return new BrokerRecord(
        id, host, port, rack, startedAtMs, draining, incarnation, adminPort, listeners);
  }

  /** The same registration advertising {@code endpoints} for its named listeners. */
  public BrokerRecord withListeners(List<ListenerEndpoint> endpoints) {
    return new BrokerRecord(
        brokerId, host, port, rack, startedAtMs, draining, incarnation, adminPort, endpoints);
  }

  /**
   * Where a client connected to {@code listenerName} reaches this broker: that listener's
   * advertised endpoint, or {@code host:port} when the broker has no listener of that name (single
   * default listener, older registration, or a null name).
   */
  public ListenerEndpoint endpoint(String listenerName) {
    if (listenerName != null) {
      for (ListenerEndpoint listener : listeners) {
        if (listener.name().equals(listenerName)) {
          return listener;
        }
      }
    }
    return new ListenerEndpoint(listenerName == null ? "" : listenerName, host, port);
  }

  /** The admin HTTP address {@code host:adminPort}, when the admin port is known. */
  public Optional<String> adminAddress() {
    return adminPort > 0 ? Optional.of(host + ":" + adminPort) : Optional.empty();
  }
}
