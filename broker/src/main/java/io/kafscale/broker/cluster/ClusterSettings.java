/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.cluster;

import java.time.Duration;

/**
 * Timing of a broker's cluster membership.
 *
 * @param leaseTtl time to live of the broker's lease (its registration and owner keys vanish this
 *     long after the broker stops renewing it)
 * @param leaseSafetyMargin how long before the store could expire the lease the broker stops
 *     writing by its own clock
 * @param leaderWait how long topic changes wait for their partitions to have owners
 * @param shutdownTimeout how long a draining broker waits for its partitions to move
 * @param resyncInterval how often the cluster image is re-read in full
 * @param reconcileTick how often ownership is reconciled without an image change
 * @param coordinatorPartitions partitions the controller creates the group coordinators' internal
 *     topic with
 * @param transactionPartitions partitions the controller creates the transaction coordinators'
 *     internal topic {@code __transaction_state} with
 */
public record ClusterSettings(
    Duration leaseTtl,
    Duration leaseSafetyMargin,
    Duration leaderWait,
    Duration shutdownTimeout,
    Duration resyncInterval,
    Duration reconcileTick,
    int coordinatorPartitions,
    int transactionPartitions) {

  /** Apache Kafka's offsets.topic.num.partitions default. */
  public static final int DEFAULT_COORDINATOR_PARTITIONS = 50;

  /** Apache Kafka's transaction.state.log.num.partitions default. */
  public static final int DEFAULT_TRANSACTION_PARTITIONS = 50;

  /** With the default transaction state partition count. */
  public ClusterSettings(
      Duration leaseTtl,
      Duration leaseSafetyMargin,
      Duration leaderWait,
      Duration shutdownTimeout,
      Duration resyncInterval,
      Duration reconcileTick,
      int coordinatorPartitions) {
    this(
        leaseTtl,
        leaseSafetyMargin,
        leaderWait,
        shutdownTimeout,
        resyncInterval,
        reconcileTick,
        coordinatorPartitions,
        DEFAULT_TRANSACTION_PARTITIONS);
  }

  /** Settings for a lease TTL and shutdown timeout, other timings derived. */
  public static ClusterSettings of(Duration leaseTtl, Duration shutdownTimeout) {
    // A sixth of the TTL covers scheduling delays and clock-rate differences between the broker
    // and the store; keep-alives go every third, so two may fail before the broker stops writing.
    return new ClusterSettings(
        leaseTtl,
        leaseTtl.dividedBy(6),
        Duration.ofSeconds(10),
        shutdownTimeout,
        Duration.ofSeconds(60),
        Duration.ofSeconds(1),
        DEFAULT_COORDINATOR_PARTITIONS,
        DEFAULT_TRANSACTION_PARTITIONS);
  }

  public ClusterSettings withCoordinatorPartitions(int partitions) {
    return new ClusterSettings(
        leaseTtl,
        leaseSafetyMargin,
        leaderWait,
        shutdownTimeout,
        resyncInterval,
        reconcileTick,
        partitions,
        transactionPartitions);
  }

  public ClusterSettings withTransactionPartitions(int partitions) {
    return new ClusterSettings(
        leaseTtl,
        leaseSafetyMargin,
        leaderWait,
        shutdownTimeout,
        resyncInterval,
        reconcileTick,
        coordinatorPartitions,
        partitions);
  }
}
