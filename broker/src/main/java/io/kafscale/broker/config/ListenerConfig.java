/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.config;

import java.util.Objects;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * One named Kafka listener: where it binds, its security protocol, and the address advertised to
 * the clients that connect to it ({@code advertisedPort} 0 means "the port actually bound").
 */
public record ListenerConfig(
    String name,
    SecurityProtocol protocol,
    HostPort bind,
    String advertisedHost,
    int advertisedPort) {

  /** The name of the single listener configured by {@code KAFSCALE_BROKER_ADDR}. */
  public static final String DEFAULT_NAME = "PLAINTEXT";

  public ListenerConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(advertisedHost, "advertisedHost");
  }

  /** Whether connections must authenticate with SASL before anything but ApiVersions. */
  public boolean sasl() {
    return protocol == SecurityProtocol.SASL_PLAINTEXT || protocol == SecurityProtocol.SASL_SSL;
  }

  /** Whether connections are wrapped in TLS. */
  public boolean tls() {
    return protocol == SecurityProtocol.SSL || protocol == SecurityProtocol.SASL_SSL;
  }
}
