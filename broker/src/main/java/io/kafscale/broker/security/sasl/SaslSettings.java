/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.sasl;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * SASL settings of the SASL_PLAINTEXT and SASL_SSL listeners: the enabled mechanisms (in the order
 * SaslHandshake lists them), the PLAIN users (name → password, from a file or the environment;
 * SCRAM credentials come from the metadata store), the session lifetime after which a client must
 * re-authenticate (KIP-368; {@link Duration#ZERO} = none), and the delay before a failed
 * authentication's connection is closed. {@link #toString()} never shows passwords.
 */
public record SaslSettings(
    List<String> mechanisms,
    Map<String, String> plainUsers,
    Duration sessionLifetime,
    Duration failureDelay) {

  public static final String PLAIN = "PLAIN";
  public static final List<String> SUPPORTED = List.of(PLAIN, "SCRAM-SHA-256", "SCRAM-SHA-512");
  public static final Duration DEFAULT_FAILURE_DELAY = Duration.ofMillis(100);

  public SaslSettings {
    mechanisms = List.copyOf(mechanisms);
    plainUsers = Map.copyOf(plainUsers);
    Objects.requireNonNull(sessionLifetime, "sessionLifetime");
    Objects.requireNonNull(failureDelay, "failureDelay");
  }

  /** Every supported mechanism, no PLAIN users, no session lifetime, 100 ms failure delay. */
  public static SaslSettings defaults() {
    return new SaslSettings(SUPPORTED, Map.of(), Duration.ZERO, DEFAULT_FAILURE_DELAY);
  }

  @Override
  public String toString() {
    return "SaslSettings[mechanisms="
        + mechanisms
        + ", plainUsers="
        + plainUsers.size()
        + ", sessionLifetime="
        + sessionLifetime
        + ", failureDelay="
        + failureDelay
        + "]";
  }
}
