/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api;

/**
 * What the API handlers need to know about this broker: its id and advertised endpoint ({@code
 * rack} may be null), topic auto-creation (KAFSCALE_AUTO_CREATE_TOPICS /
 * KAFSCALE_AUTO_CREATE_PARTITIONS, also the default partition count of CreateTopics), the default
 * replication factor reported for new topics, and the object-key namespace.
 */
public record ApiSettings(
    int brokerId,
    String advertisedHost,
    int advertisedPort,
    String rack,
    boolean autoCreateTopics,
    int autoCreatePartitions,
    short defaultReplicationFactor,
    String namespace) {}
