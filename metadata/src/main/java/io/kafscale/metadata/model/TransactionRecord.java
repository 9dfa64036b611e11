/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The durable state of one transactional id, as its transaction coordinator last wrote it (Kafka's
 * transaction log value). Epochs are Kafka's shorts; {@code -1} means "none" for ids, epochs and
 * the start time. Immutable.
 *
 * @param coordinatorEpoch leader epoch of the {@code __transaction_state} partition whose owner
 *     wrote the value
 */
public record TransactionRecord(
    String transactionalId,
    long producerId,
    long lastProducerId,
    short producerEpoch,
    short lastProducerEpoch,
    int timeoutMs,
    TransactionRecord.Status state,
    SortedSet<PartitionRef> partitions,
    long txnStartTimeMs,
    long lastUpdateTimeMs,
    int coordinatorEpoch) {

  /** Kafka's coordinator transaction states. */
  public enum Status {
    EMPTY,
    ONGOING,
    PREPARE_COMMIT,
    PREPARE_ABORT,
    COMPLETE_COMMIT,
    COMPLETE_ABORT,
    DEAD,
    PREPARE_EPOCH_FENCE
  }

  public TransactionRecord {
    Objects.requireNonNull(transactionalId, "transactionalId");
    Objects.requireNonNull(state, "state");
    partitions = Collections.unmodifiableSortedSet(new TreeSet<>(partitions));
  }

  /** The same record with {@code partitions} (copied). */
  public TransactionRecord withPartitions(Collection<PartitionRef> newPartitions) {
    return new TransactionRecord(
        transactionalId,
        producerId,
        lastProducerId,
        producerEpoch,
        lastProducerEpoch,
        timeoutMs,
        state,
        new TreeSet<>(newPartitions),
        txnStartTimeMs,
        lastUpdateTimeMs,
        coordinatorEpoch);
  }
}
