/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.config;

import java.time.Duration;

/**
 * Abuse limits of the Kafka listeners: open connections per client IP (across listeners), the
 * largest request accepted before a SASL connection has authenticated, and how long a connection
 * may stay silent before it is closed ({@link Duration#ZERO} = never).
 */
public record ConnectionLimits(
    int maxConnectionsPerIp, int maxPreAuthRequestBytes, Duration idleTimeout) {
  public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = Integer.MAX_VALUE;
  public static final int DEFAULT_MAX_PREAUTH_REQUEST_BYTES = 512 * 1024;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

  /** Kafka's defaults: no per-IP limit, 512 KiB before authentication, 10 minutes idle. */
  public static ConnectionLimits defaults() {
    return new ConnectionLimits(
        DEFAULT_MAX_CONNECTIONS_PER_IP, DEFAULT_MAX_PREAUTH_REQUEST_BYTES, DEFAULT_IDLE_TIMEOUT);
  }
}
