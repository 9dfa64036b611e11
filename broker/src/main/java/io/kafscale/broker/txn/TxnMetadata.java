/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.TransactionRecord;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The coordinator's view of one transactional id (Kafka's TransactionMetadata): what is persisted
 * as a {@link TransactionRecord}. Immutable; every change makes a new value through {@link
 * #transition}, which enforces {@link TxnState#validPreviousStates()}.
 *
 * @param lastProducerId the producer id before the last transition (the current one unless the id
 *     was just rotated); used by KIP-360 retries
 * @param lastProducerEpoch the epoch a recovering producer may retry with; -1 when none
 * @param txnStartTimeMs when the open transaction started; -1 when none
 * @param coordinatorEpoch epoch of the coordinator partition owner that holds this value
 */
public record TxnMetadata(
    String transactionalId,
    long producerId,
    long lastProducerId,
    short producerEpoch,
    short lastProducerEpoch,
    int timeoutMs,
    TxnState state,
    SortedSet<PartitionRef> partitions,
    long txnStartTimeMs,
    long lastUpdateTimeMs,
    int coordinatorEpoch) {

  public TxnMetadata {
    Objects.requireNonNull(transactionalId, "transactionalId");
    Objects.requireNonNull(state, "state");
    partitions = Collections.unmodifiableSortedSet(new TreeSet<>(partitions));
  }

  /** A just-created id: not yet persisted, epoch -1 (Kafka creates it this way too). */
  static TxnMetadata fresh(
      String transactionalId, long producerId, int timeoutMs, long nowMs, int coordinatorEpoch) {
    return new TxnMetadata(
        transactionalId,
        producerId,
        ProducerEpoch.NO_PRODUCER_ID,
        ProducerEpoch.NO_EPOCH,
        ProducerEpoch.NO_EPOCH,
        timeoutMs,
        TxnState.EMPTY,
        new TreeSet<>(),
        -1L,
        nowMs,
        coordinatorEpoch);
  }

  /** Whether no epoch bump is left for the current producer id. */
  public boolean isEpochExhausted() {
    return ProducerEpoch.isExhausted(producerEpoch);
  }

  /**
   * The next value in state {@code next}; {@code lastProducerId} becomes the current producer id,
   * as in Kafka. Throws {@link IllegalStateException} on a transition Kafka forbids.
   */
  TxnMetadata transition(
      TxnState next,
      long newProducerId,
      short newEpoch,
      short newLastEpoch,
      int newTimeoutMs,
      Collection<PartitionRef> newPartitions,
      long newStartMs,
      long nowMs,
      int newCoordinatorEpoch) {
    if (!next.validPreviousStates().contains(state)) {
      throw new IllegalStateException(
          "transactional id " + transactionalId + ": illegal transition " + state + " -> " + next);
    }
    return new TxnMetadata(
        transactionalId,
        newProducerId,
        producerId,
        newEpoch,
        newLastEpoch,
        newTimeoutMs,
        next,
        new TreeSet<>(newPartitions),
        newStartMs,
        nowMs,
        newCoordinatorEpoch);
  }

  /** Same producer, epochs, timeout and start; new state, partitions and update time. */
  TxnMetadata transition(
      TxnState next, Collection<PartitionRef> newPartitions, long nowMs, int newCoordinatorEpoch) {
    return transition(
        next,
        producerId,
        producerEpoch,
        lastProducerEpoch,
        timeoutMs,
        newPartitions,
        txnStartTimeMs,
        nowMs,
        newCoordinatorEpoch);
  }

  /** This value held by a coordinator at {@code epoch} (after loading it). */
  public TxnMetadata withCoordinatorEpoch(int epoch) {
    return new TxnMetadata(
        transactionalId,
        producerId,
        lastProducerId,
        producerEpoch,
        lastProducerEpoch,
        timeoutMs,
        state,
        partitions,
        txnStartTimeMs,
        lastUpdateTimeMs,
        epoch);
  }

  /** The durable form. */
  public TransactionRecord toRecord() {
    return new TransactionRecord(
        transactionalId,
        producerId,
        lastProducerId,
        producerEpoch,
        lastProducerEpoch,
        timeoutMs,
        TransactionRecord.Status.valueOf(state.name()),
        partitions,
        txnStartTimeMs,
        lastUpdateTimeMs,
        coordinatorEpoch);
  }

  /** The coordinator view of a durable record. */
  public static TxnMetadata fromRecord(TransactionRecord r) {
    return new TxnMetadata(
        r.transactionalId(),
        r.producerId(),
        r.lastProducerId(),
        r.producerEpoch(),
        r.lastProducerEpoch(),
        r.timeoutMs(),
        TxnState.valueOf(r.state().name()),
        r.partitions(),
        r.txnStartTimeMs(),
        r.lastUpdateTimeMs(),
        r.coordinatorEpoch());
  }
}
