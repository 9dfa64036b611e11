/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.config;

import io.kafscale.broker.security.sasl.SaslSettings;
import io.kafscale.broker.security.tls.TlsSettings;
import java.util.Objects;
import java.util.Optional;

/**
 * Security of the Kafka listeners: the TLS material (present when a listener uses SSL or SASL_SSL),
 * the SASL settings, and the connection limits. Immutable; never prints secrets.
 */
public record SecurityConfig(
    Optional<TlsSettings> tls, SaslSettings sasl, ConnectionLimits limits) {
  public SecurityConfig {
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(sasl, "sasl");
    Objects.requireNonNull(limits, "limits");
  }

  /** No TLS, SASL defaults without users, default limits. */
  public static SecurityConfig defaults() {
    return new SecurityConfig(
        Optional.empty(), SaslSettings.defaults(), ConnectionLimits.defaults());
  }
}
