/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

/** The cluster's identity: a 22-character base64url id (as Kafka's) and when it was created. */
public record ClusterInfoRecord(String clusterId, long createdAtMs) {}
