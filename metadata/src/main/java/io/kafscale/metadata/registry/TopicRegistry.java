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
import java.util.function.UnaryOperator;

/**
 * Topics in the metadata store. Thread-safe; every write is a compare-and-set transaction. Writes
 * whose topic configs (or cluster-wide broker configs) fail {@code
 * io.kafscale.metadata.config.TopicConfigCatalogue} validation fail with {@link
 * InvalidConfigException} (an IllegalArgumentException) carrying the validation message, and store
 * nothing.
 */
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

  /**
   * Sets the topic's stored configs to {@code change} applied to the current ones, by
   * compare-and-set on the topic key, re-reading and re-applying {@code change} when a concurrent
   * write wins (so {@code change} must be a pure function; what it throws fails the returned
   * future). Fails with {@link UnknownTopicException}.
   */
  CompletableFuture<TopicRecord> alterConfigs(
      String name, UnaryOperator<Map<String, String>> change);

  /** The cluster-wide dynamic broker configs (empty when none are set). */
  CompletableFuture<Map<String, String>> brokerDefaults();

  /**
   * Sets the cluster-wide dynamic broker configs to {@code change} applied to the current ones, by
   * compare-and-set with retries as {@link #alterConfigs}; an empty result deletes the key.
   * Completes with the stored configs.
   */
  CompletableFuture<Map<String, String>> alterBrokerDefaults(
      UnaryOperator<Map<String, String>> change);

  CompletableFuture<Optional<TopicRecord>> get(String name);

  /** All topics, by name. */
  CompletableFuture<List<TopicRecord>> list();
}
