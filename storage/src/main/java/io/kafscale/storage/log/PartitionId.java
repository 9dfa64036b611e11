/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

/** A topic partition, by topic name and partition index. */
public record PartitionId(String topic, int partition) {
  @Override
  public String toString() {
    return topic + "-" + partition;
  }
}
