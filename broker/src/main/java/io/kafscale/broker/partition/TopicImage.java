/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import io.kafscale.metadata.model.TopicRecord;
import java.util.Collection;
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

  /** The image of {@code topics}. */
  public static TopicImage of(Collection<TopicRecord> topics) {
    Map<String, TopicRecord> names = new HashMap<>();
    Map<UUID, TopicRecord> ids = new HashMap<>();
    for (TopicRecord t : topics) {
      names.put(t.name(), t);
      ids.put(t.topicId(), t);
    }
    return new TopicImage(names, ids);
  }
}
