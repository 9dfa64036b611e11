/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.TopicRecord;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link TransactionCoordinatorPartitions} from partition ownership: a partition of {@value
 * TransactionPartitions#TOPIC} is coordinated here exactly while its log is open here (which also
 * requires a live lease), fenced by this broker's session and the log's leader epoch, as the group
 * coordinator's partitions are. Thread-safe.
 */
public final class OwnedTransactionPartitions implements TransactionCoordinatorPartitions {
  private final TopicManager topics;
  private final Supplier<BrokerSession> sessions;
  private final int configuredCount;

  public OwnedTransactionPartitions(
      TopicManager topics, Supplier<BrokerSession> sessions, int configuredCount) {
    this.topics = topics;
    this.sessions = sessions;
    this.configuredCount = configuredCount;
  }

  @Override
  public int count() {
    return topics
        .topic(TransactionPartitions.TOPIC)
        .map(TopicRecord::partitionCount)
        .orElse(configuredCount);
  }

  @Override
  public Optional<CoordinatorFence> fence(int partition) {
    BrokerSession session = sessions.get();
    if (session == null) {
      return Optional.empty();
    }
    return topics
        .log(TransactionPartitions.TOPIC, partition)
        .map(
            log ->
                new CoordinatorFence(TransactionPartitions.TOPIC, partition, session, log.epoch()));
  }
}
