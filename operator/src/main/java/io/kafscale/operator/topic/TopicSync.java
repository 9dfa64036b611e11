/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.topic;

import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.metadata.registry.TopicRegistry;
import io.kafscale.metadata.registry.UnknownTopicException;
import io.kafscale.operator.crd.Condition;
import io.kafscale.operator.crd.KafscaleTopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Brings one topic in the cluster's metadata store to a {@link KafscaleTopicSpec}: creates it,
 * grows its partitions (never shrinks: Kafka topics only grow, so a smaller count is refused with a
 * condition), and replaces its configs with the spec's map (the resource owns the whole topic
 * config). Also deletes topics. Blocking, for use from a reconciler thread.
 */
public final class TopicSync {
  public static final String READY = "Ready";

  /** Config keys as Kafka spells them: lower-case words separated by dots. */
  private static final Pattern CONFIG_KEY = Pattern.compile("^[a-z0-9]+(\\.[a-z0-9]+)*$");

  /** What the sync left in the store and the condition to report. */
  public record Result(Optional<TopicRecord> topic, Condition ready) {}

  private final TopicRegistry registry;
  private final Duration timeout;

  public TopicSync(TopicRegistry registry, Duration timeout) {
    this.registry = registry;
    this.timeout = timeout;
  }

  public Result sync(String name, KafscaleTopicSpec spec) throws Exception {
    Map<String, String> wanted = spec.config == null ? Map.of() : new TreeMap<>(spec.config);
    List<String> bad = invalidConfigs(wanted);
    Optional<TopicRecord> current = await(registry.get(name));
    if (!bad.isEmpty()) {
      return new Result(
          current,
          new Condition(READY, false, "InvalidConfig", "invalid topic config keys " + bad));
    }
    int partitions = spec.partitions;
    if (current.isEmpty()) {
      TopicRecord created = await(registry.create(name, partitions, wanted));
      return new Result(Optional.of(created), ok(created, "Created"));
    }
    TopicRecord topic = current.get();
    if (!topic.configs().equals(wanted)) {
      topic = await(registry.updateConfigs(name, wanted));
    }
    if (partitions < topic.partitionCount()) {
      return new Result(
          Optional.of(topic),
          new Condition(
              READY,
              false,
              "PartitionShrinkRefused",
              "partitions cannot shrink from "
                  + topic.partitionCount()
                  + " to "
                  + partitions
                  + "; the topic keeps "
                  + topic.partitionCount()));
    }
    if (partitions > topic.partitionCount()) {
      topic = await(registry.addPartitions(name, partitions));
    }
    return new Result(Optional.of(topic), ok(topic, "Synced"));
  }

  /** Deletes the topic; true if it existed. */
  public boolean delete(String name) throws Exception {
    try {
      await(registry.delete(name));
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicException) {
        return false;
      }
      throw e;
    }
  }

  private static Condition ok(TopicRecord t, String reason) {
    return new Condition(
        READY, true, reason, "topic '" + t.name() + "' has " + t.partitionCount() + " partitions");
  }

  static List<String> invalidConfigs(Map<String, String> configs) {
    List<String> bad = new ArrayList<>();
    configs.forEach(
        (k, v) -> {
          if (!CONFIG_KEY.matcher(k).matches() || v == null || v.isBlank()) {
            bad.add(k);
          }
        });
    return bad;
  }

  private <T> T await(CompletableFuture<T> f)
      throws ExecutionException, InterruptedException, TimeoutException {
    return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
