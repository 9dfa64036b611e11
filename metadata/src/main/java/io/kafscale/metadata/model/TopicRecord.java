/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.Map;
import java.util.UUID;

/**
 * A topic as stored: name, random id given at creation, partition count and its non-default
 * configs.
 */
public record TopicRecord(
    String name, UUID topicId, int partitionCount, Map<String, String> configs, long createdAtMs) {
  public TopicRecord {
    configs = Map.copyOf(configs);
  }
}
