/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.config;

import java.util.List;
import java.util.Objects;

/**
 * Listener settings: where the Kafka and admin servers bind, what address clients are told to use
 * ({@code advertisedPort} 0 means "the port actually bound"), and the per-connection limits. {@code
 * listen}/{@code advertisedHost}/{@code advertisedPort} are those of the inter-broker listener;
 * {@code listeners} holds every named listener (one {@code PLAINTEXT} listener built from {@code
 * listen} unless {@code KAFSCALE_LISTENERS} is set), and {@code security} their TLS, SASL and
 * abuse-limit settings.
 */
public record NetworkConfig(
    HostPort listen,
    String advertisedHost,
    int advertisedPort,
    HostPort admin,
    int maxFrameBytes,
    long maxInflightBytesPerConnection,
    List<ListenerConfig> listeners,
    String interBrokerListener,
    SecurityConfig security) {

  public NetworkConfig {
    listeners = List.copyOf(listeners);
    Objects.requireNonNull(interBrokerListener, "interBrokerListener");
    Objects.requireNonNull(security, "security");
    if (listeners.isEmpty()) {
      throw new IllegalArgumentException("at least one listener is needed");
    }
  }

  /** The single PLAINTEXT listener on {@code listen}, default security (as before listeners). */
  public NetworkConfig(
      HostPort listen,
      String advertisedHost,
      int advertisedPort,
      HostPort admin,
      int maxFrameBytes,
      long maxInflightBytesPerConnection) {
    this(
        listen,
        advertisedHost,
        advertisedPort,
        admin,
        maxFrameBytes,
        maxInflightBytesPerConnection,
        List.of(
            new ListenerConfig(
                ListenerConfig.DEFAULT_NAME,
                org.apache.kafka.common.security.auth.SecurityProtocol.PLAINTEXT,
                listen,
                advertisedHost,
                advertisedPort)),
        ListenerConfig.DEFAULT_NAME,
        SecurityConfig.defaults());
  }

  /** A copy with other listeners and security (the first argument's defaults kept otherwise). */
  public NetworkConfig withListeners(
      List<ListenerConfig> others, String interBroker, SecurityConfig otherSecurity) {
    ListenerConfig main =
        others.stream().filter(l -> l.name().equals(interBroker)).findFirst().orElse(others.get(0));
    return new NetworkConfig(
        main.bind(),
        main.advertisedHost(),
        main.advertisedPort(),
        admin,
        maxFrameBytes,
        maxInflightBytesPerConnection,
        others,
        main.name(),
        otherSecurity);
  }

  /** The inter-broker listener. */
  public ListenerConfig interBroker() {
    return listeners.stream()
        .filter(l -> l.name().equals(interBrokerListener))
        .findFirst()
        .orElse(listeners.get(0));
  }
}
