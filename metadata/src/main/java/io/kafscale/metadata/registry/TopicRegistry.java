/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry;

import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.model.TopicRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Topics in the metadata store. Thread-safe; every write is a compare-and-set transaction. */
public interface TopicRegistry {

  /** Creates a topic with a new random id. Fails with {@link TopicExistsException}. */
  CompletableFuture<TopicRecord> create(
      String name, int partitionCount, Map<String, String> configs);

  /**
   * Deletes a topic, its partition states, segment references and producer states, and returns the
   * segment references it removed so the caller can delete their objects. Fails with {@link
   * UnknownTopicException}.
   */
  CompletableFuture<List<SegmentRecord>> delete(String name);

  /**
   * Raises the partition count. Fails with {@link UnknownTopicException} or
   * IllegalArgumentException if not larger.
   */
  CompletableFuture<TopicRecord> addPartitions(String name, int newPartitionCount);

  /** Replaces the topic's stored configs. */
  CompletableFuture<TopicRecord> updateConfigs(String name, Map<String, String> configs);

  CompletableFuture<Optional<TopicRecord>> get(String name);

  /** All topics, by name. */
  CompletableFuture<List<TopicRecord>> list();
}
