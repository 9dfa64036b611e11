/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.config;

/**
 * Listener settings: where the Kafka and admin servers bind, what address clients are told to use
 * ({@code advertisedPort} 0 means "the port actually bound"), and the per-connection limits.
 */
public record NetworkConfig(
    HostPort listen,
    String advertisedHost,
    int advertisedPort,
    HostPort admin,
    int maxFrameBytes,
    long maxInflightBytesPerConnection) {}
