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
  /** Finite, unlike Kafka's: one host must not exhaust the broker's file descriptors. */
  public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 1000;

  public static final int DEFAULT_MAX_PREAUTH_REQUEST_BYTES = 512 * 1024;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

  /** 1000 connections per IP (Kafka: unlimited), 512 KiB before authentication, 10 minutes idle. */
  public static ConnectionLimits defaults() {
    return new ConnectionLimits(
        DEFAULT_MAX_CONNECTIONS_PER_IP, DEFAULT_MAX_PREAUTH_REQUEST_BYTES, DEFAULT_IDLE_TIMEOUT);
  }
}
