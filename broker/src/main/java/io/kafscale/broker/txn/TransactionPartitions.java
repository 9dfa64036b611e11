/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import io.kafscale.broker.group.CoordinatorPartitions;

/**
 * Placement of transactional ids on the internal topic {@value #TOPIC}: the owner of partition
 * {@link #partitionFor} is the id's transaction coordinator, as in Apache Kafka. Pure.
 */
public final class TransactionPartitions {
  /** Kafka's internal topic name for transaction state. */
  public static final String TOPIC = "__transaction_state";

  /** Kafka's default of transaction.state.log.num.partitions. */
  public static final int DEFAULT_COUNT = 50;

  private TransactionPartitions() {}

  /**
   * Kafka's {@code Utils.abs(transactionalId.hashCode) % partitions}, where Utils.abs maps
   * Integer.MIN_VALUE to 0 (it is not {@code x & 0x7fffffff}, which is Utils.toPositive); the same
   * rule places groups.
   */
  public static int partitionFor(String transactionalId, int partitions) {
    if (partitions <= 0) {
      throw new IllegalArgumentException("partition count must be positive: " + partitions);
    }
    return CoordinatorPartitions.partitionFor(transactionalId, partitions);
  }
}
