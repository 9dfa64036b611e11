/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.topic;

import io.kafscale.metadata.config.TopicConfigCatalogue;
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

/**
 * Brings one topic in the cluster's metadata store to a {@link KafscaleTopicSpec}: creates it,
 * grows its partitions (never shrinks: Kafka topics only grow, so a smaller count is refused with a
 * condition), and replaces its configs with the spec's map (the resource owns the whole topic
 * config). A config map that fails the metadata module's {@link TopicConfigCatalogue} checks (an
 * unknown name, a value of the wrong type or out of range) is refused with an InvalidConfig
 * condition and nothing is written: brokers parse the stored values. Only its own topic is ever
 * touched: internal names ({@code __*}) are refused, and an existing topic whose id is not the one
 * the resource created is left alone (condition TopicNotOwned) unless the spec says {@code adopt}.
 * Also deletes topics, again only its own. Blocking, for use from a reconciler thread.
 */
public final class TopicSync {
  public static final String READY = "Ready";
  public static final String INVALID_CONFIG = "InvalidConfig";
  public static final String INTERNAL_TOPIC = "InternalTopicRefused";
  public static final String NOT_OWNED = "TopicNotOwned";

  /** What the sync left in the store and the condition to report. */
  public record Result(Optional<TopicRecord> topic, Condition ready) {}

  private final TopicRegistry registry;
  private final Duration timeout;

  public TopicSync(TopicRegistry registry, Duration timeout) {
    this.registry = registry;
    this.timeout = timeout;
  }

  /**
   * Brings topic {@code name} to {@code spec}. {@code ownedId} is the id of the topic this resource
   * created or adopted before (its status), empty if none.
   */
  public Result sync(String name, KafscaleTopicSpec spec, Optional<String> ownedId)
      throws Exception {
    if (internal(name)) {
      return new Result(
          Optional.empty(),
          new Condition(
              READY,
              false,
              INTERNAL_TOPIC,
              "topic name '" + name + "' starts with __, reserved for internal topics"));
    }
    Map<String, String> wanted = spec.config == null ? Map.of() : new TreeMap<>(spec.config);
    List<String> problems = invalidConfigs(wanted);
    Optional<TopicRecord> current = await(registry.get(name));
    Optional<Condition> foreign = current.flatMap(t -> foreign(t, ownedId, spec.adopts()));
    if (foreign.isPresent()) {
      // Not reported as this resource's topic: its id must not reach the status.
      return new Result(Optional.empty(), foreign.get());
    }
    if (!problems.isEmpty()) {
      return new Result(
          current,
          new Condition(
              READY,
              false,
              INVALID_CONFIG,
              "invalid topic config, nothing written: " + String.join("; ", problems)));
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

  /**
   * Deletes topic {@code name} if it is this resource's ({@code ownedId}, its status' topic id);
   * true if it was deleted. A topic of that name with another id (recreated by someone else, or
   * never created by the resource) is kept. The id check and the delete are two etcd operations: a
   * topic recreated between them would be deleted, a window of one round trip.
   */
  public boolean delete(String name, Optional<String> ownedId) throws Exception {
    Optional<TopicRecord> current = await(registry.get(name));
    if (current.isEmpty()
        || ownedId.isEmpty()
        || !ownedId.get().equals(current.get().topicId().toString())) {
      return false;
    }
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

  /** Whether {@code name} is a Kafka internal topic name, which no resource may manage. */
  public static boolean internal(String name) {
    return name.startsWith("__");
  }

  /** The refusal when the existing topic is not this resource's and may not be adopted. */
  private static Optional<Condition> foreign(
      TopicRecord t, Optional<String> ownedId, boolean adopt) {
    String id = t.topicId().toString();
    if (adopt || ownedId.map(id::equals).orElse(false)) {
      return Optional.empty();
    }
    String why =
        ownedId.isEmpty()
            ? "already exists (id " + id + ") and was not created by this resource"
            : "has id " + id + ", not " + ownedId.get() + " that this resource created";
    return Optional.of(
        new Condition(
            READY,
            false,
            NOT_OWNED,
            "topic '" + t.name() + "' " + why + "; set spec.adopt: true to manage it"));
  }

  private static Condition ok(TopicRecord t, String reason) {
    return new Condition(
        READY, true, reason, "topic '" + t.name() + "' has " + t.partitionCount() + " partitions");
  }

  /**
   * One line per entry the catalogue refuses, in name order, each naming the config and its value
   * ({@code name=value: why}); empty when the whole map is valid.
   */
  static List<String> invalidConfigs(Map<String, String> configs) {
    List<String> problems = new ArrayList<>();
    new TreeMap<>(configs)
        .forEach(
            (k, v) ->
                TopicConfigCatalogue.validate(k, v)
                    .ifPresent(why -> problems.add(k + "=" + v + ": " + why)));
    return problems;
  }

  private <T> T await(CompletableFuture<T> f)
      throws ExecutionException, InterruptedException, TimeoutException {
    return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
