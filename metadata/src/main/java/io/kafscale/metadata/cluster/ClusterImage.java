/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.cluster;

import io.kafscale.metadata.model.AssignmentRecord;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.model.ControllerRecord;
import io.kafscale.metadata.model.OwnerRecord;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.TopicRecord;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An immutable view of the cluster as the metadata store last told this broker: live brokers, the
 * controller, topics, the controller's assignments and the live partition owners. Built and
 * replaced as a whole by {@link ClusterImageFeed}; readers keep one instance for a consistent look.
 * {@code revision} is the highest store revision applied. {@code brokerDefaults} are the
 * cluster-wide dynamic broker configs (broker config names, e.g. {@code log.retention.ms}).
 */
public record ClusterImage(
    long revision,
    Map<Integer, BrokerRecord> brokers,
    Optional<ControllerRecord> controller,
    Map<String, TopicRecord> topics,
    Map<String, AssignmentRecord> assignments,
    Map<PartitionRef, OwnerRecord> owners,
    Map<String, String> brokerDefaults) {

  public ClusterImage {
    brokerDefaults = Map.copyOf(brokerDefaults);
    brokers = Map.copyOf(brokers);
    topics = Map.copyOf(topics);
    assignments = Map.copyOf(assignments);
    owners = Map.copyOf(owners);
  }

  /** Without cluster-wide dynamic broker configs. */
  public ClusterImage(
      long revision,
      Map<Integer, BrokerRecord> brokers,
      Optional<ControllerRecord> controller,
      Map<String, TopicRecord> topics,
      Map<String, AssignmentRecord> assignments,
      Map<PartitionRef, OwnerRecord> owners) {
    this(revision, brokers, controller, topics, assignments, owners, Map.of());
  }

  public static ClusterImage empty() {
    return new ClusterImage(0, Map.of(), Optional.empty(), Map.of(), Map.of(), Map.of());
  }

  public Optional<BrokerRecord> broker(int brokerId) {
    return Optional.ofNullable(brokers.get(brokerId));
  }

  public Optional<TopicRecord> topic(String name) {
    return Optional.ofNullable(topics.get(name));
  }

  /** The topic with this id (linear in the topic count; callers cache when hot). */
  public Optional<TopicRecord> topic(UUID id) {
    return topics.values().stream().filter(t -> t.topicId().equals(id)).findFirst();
  }

  /** The live owner of a partition, if any. */
  public Optional<OwnerRecord> owner(String topic, int partition) {
    return Optional.ofNullable(owners.get(new PartitionRef(topic, partition)));
  }

  /** The broker the controller wants to own the partition, or {@code UNASSIGNED}. */
  public int target(String topic, int partition) {
    AssignmentRecord a = assignments.get(topic);
    return a == null ? AssignmentRecord.UNASSIGNED : a.target(partition);
  }

  /**
   * Whether {@code other} holds the same brokers, controller, topics, assignments, owners and
   * broker defaults.
   */
  public boolean sameContentAs(ClusterImage other) {
    return brokers.equals(other.brokers)
        && brokerDefaults.equals(other.brokerDefaults)
        && controller.equals(other.controller)
        && topics.equals(other.topics)
        && assignments.equals(other.assignments)
        && owners.equals(other.owners);
  }
}
