/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.metadata.model.CoordinatorFence;
import java.util.Optional;

/**
 * Port: which partitions of the internal topic {@value #TOPIC} this broker owns right now, and the
 * fence its group writes must carry for each. Group g belongs to partition {@link #partitionFor},
 * as in Apache Kafka. Thread-safe.
 */
public interface CoordinatorPartitions {
  /** The internal topic whose partition owners coordinate the groups. */
  String TOPIC = "__consumer_offsets";

  /** The partition count group ids are spread over. */
  int count();

  /** The fence of {@code partition} while this broker owns it; empty otherwise. */
  Optional<CoordinatorFence> fence(int partition);

  /** Kafka's {@code Utils.abs(groupId.hashCode()) % partitions}. */
  static int partitionFor(String groupId, int partitions) {
    return abs(groupId.hashCode()) % partitions;
  }

  /** Kafka's Utils.abs: Integer.MIN_VALUE maps to 0 instead of staying negative. */
  private static int abs(int n) {
    return n == Integer.MIN_VALUE ? 0 : Math.abs(n);
  }
}
