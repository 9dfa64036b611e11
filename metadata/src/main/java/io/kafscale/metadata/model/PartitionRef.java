/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.Objects;

/** A topic partition by name and index; a map key. */
public record PartitionRef(String topic, int partition) implements Comparable<PartitionRef> {
  public PartitionRef {
    Objects.requireNonNull(topic, "topic");
  }

  @Override
  public int compareTo(PartitionRef o) {
    int c = topic.compareTo(o.topic);
    return c != 0 ? c : Integer.compare(partition, o.partition);
  }

  @Override
  public String toString() {
    return topic + "-" + partition;
  }
}
