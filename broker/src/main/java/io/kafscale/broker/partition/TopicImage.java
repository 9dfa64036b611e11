/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import io.kafscale.metadata.model.TopicRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Immutable snapshot of the known topics, by name and by id. */
public record TopicImage(Map<String, TopicRecord> byName, Map<UUID, TopicRecord> byId) {
  public TopicImage {
    byName = Map.copyOf(byName);
    byId = Map.copyOf(byId);
  }

  public static TopicImage empty() {
    return new TopicImage(Map.of(), Map.of());
  }

  public Optional<TopicRecord> topic(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Optional<TopicRecord> topic(UUID id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** All topics sorted by name. */
  public List<TopicRecord> sorted() {
    return byName.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
  }

  /** This image with {@code topic} added or replaced. */
  public TopicImage with(TopicRecord topic) {
    Map<String, TopicRecord> names = new HashMap<>(byName);
    Map<UUID, TopicRecord> ids = new HashMap<>(byId);
    TopicRecord old = names.put(topic.name(), topic);
    if (old != null) {
      ids.remove(old.topicId());
    }
    ids.put(topic.topicId(), topic);
    return new TopicImage(names, ids);
  }

  /** This image without the topic named {@code name}. */
  public TopicImage without(String name) {
    TopicRecord old = byName.get(name);
    if (old == null) {
      return this;
    }
    Map<String, TopicRecord> names = new HashMap<>(byName);
    Map<UUID, TopicRecord> ids = new HashMap<>(byId);
    names.remove(name);
    ids.remove(old.topicId());
    return new TopicImage(names, ids);
  }
}
