/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.TopicRecord;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link CoordinatorPartitions} from partition ownership: a partition of the internal topic is
 * coordinated here exactly while its log is open here (which also requires a live lease), fenced by
 * this broker's session and the log's leader epoch. Thread-safe.
 */
public final class OwnedCoordinatorPartitions implements CoordinatorPartitions {
  private final TopicManager topics;
  private final Supplier<BrokerSession> sessions;
  private final int configuredCount;

  public OwnedCoordinatorPartitions(
      TopicManager topics, Supplier<BrokerSession> sessions, int configuredCount) {
    this.topics = topics;
    this.sessions = sessions;
    this.configuredCount = configuredCount;
  }

  @Override
  public int count() {
    return topics.topic(TOPIC).map(TopicRecord::partitionCount).orElse(configuredCount);
  }

  @Override
  public Optional<CoordinatorFence> fence(int partition) {
    BrokerSession session = sessions.get();
    if (session == null) {
      return Optional.empty();
    }
    return topics
        .log(TOPIC, partition)
        .map(log -> new CoordinatorFence(TOPIC, partition, session, log.epoch()));
  }
}
