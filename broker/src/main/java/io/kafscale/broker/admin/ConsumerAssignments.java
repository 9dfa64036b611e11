/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.admin;

import io.kafscale.broker.group.Bytes;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.TopicPartition;

/** Reads a member's assignment when it is in the consumer protocol's format. Stateless. */
final class ConsumerAssignments {
  private ConsumerAssignments() {}

  /**
   * Partitions by topic (both sorted); empty map for an empty assignment (before the first
   * SyncGroup); empty optional when the bytes are not a consumer-protocol assignment.
   */
  static Optional<Map<String, List<Integer>>> decode(Bytes assignment) {
    if (assignment.size() == 0) {
      return Optional.of(Map.of());
    }
    try {
      List<TopicPartition> partitions =
          ConsumerProtocol.deserializeAssignment(ByteBuffer.wrap(assignment.toArray()))
              .partitions();
      Map<String, TreeSet<Integer>> byTopic = new TreeMap<>();
      for (TopicPartition tp : partitions) {
        byTopic.computeIfAbsent(tp.topic(), t -> new TreeSet<>()).add(tp.partition());
      }
      Map<String, List<Integer>> result = new TreeMap<>();
      byTopic.forEach((t, ps) -> result.put(t, List.copyOf(ps)));
      return Optional.of(result);
    } catch (RuntimeException e) {
      // Another protocol type (e.g. connect) or garbage: show no assignment rather than fail.
      return Optional.empty();
    }
  }
}
