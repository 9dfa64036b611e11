/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import io.kafscale.metadata.model.PartitionRef;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the transaction state machine reacts to, always for one transactional id, with the time it
 * happened. {@link Request}s come from clients (or partition leaders) and get exactly one reply;
 * the others come from the coordinator shell.
 */
public sealed interface TxnEvent {
  String transactionalId();

  long nowMs();

  /** A request that gets exactly one {@link TxnReply}. */
  sealed interface Request extends TxnEvent {}

  /**
   * InitProducerId with a transactional id.
   *
   * @param expected the producer's current id and epoch (KIP-360 recovery), empty for a new
   *     producer (Kafka sends -1/-1)
   * @param allocatedProducerId a fresh producer id the shell allocated after the machine asked for
   *     one with {@link TxnEffect.AllocateProducerId}; empty on first submission
   */
  record InitProducerId(
      String transactionalId,
      int timeoutMs,
      Optional<ProducerEpoch> expected,
      OptionalLong allocatedProducerId,
      long nowMs)
      implements Request {
    public InitProducerId {
      Objects.requireNonNull(transactionalId, "transactionalId");
      Objects.requireNonNull(expected, "expected");
      Objects.requireNonNull(allocatedProducerId, "allocatedProducerId");
    }

    /** The same request carrying a freshly allocated producer id. */
    public InitProducerId withAllocatedProducerId(long producerId) {
      return new InitProducerId(
          transactionalId, timeoutMs, expected, OptionalLong.of(producerId), nowMs);
    }
  }

  /**
   * AddPartitionsToTxn for one transaction: the client form (v0-3) or one transaction of the
   * batched broker form (v4+). With {@code verifyOnly} (KIP-890 partition-leader check) nothing is
   * added: each partition is answered NONE when already in the ongoing transaction.
   */
  record AddPartitions(
      String transactionalId,
      long producerId,
      short producerEpoch,
      SortedSet<PartitionRef> partitions,
      boolean verifyOnly,
      long nowMs)
      implements Request {
    public AddPartitions {
      Objects.requireNonNull(transactionalId, "transactionalId");
      partitions = new TreeSet<>(partitions);
    }

    public AddPartitions(
        String transactionalId,
        long producerId,
        short producerEpoch,
        Set<PartitionRef> partitions,
        boolean verifyOnly,
        long nowMs) {
      this(
          transactionalId, producerId, producerEpoch, new TreeSet<>(partitions), verifyOnly, nowMs);
    }
  }

  /** AddOffsetsToTxn: adds the group's {@code __consumer_offsets} partition. */
  record AddOffsets(
      String transactionalId, long producerId, short producerEpoch, String groupId, long nowMs)
      implements Request {
    public AddOffsets {
      Objects.requireNonNull(transactionalId, "transactionalId");
      Objects.requireNonNull(groupId, "groupId");
    }
  }

  /** EndTxn from the client (v0-4, transaction version 1: the epoch must match exactly). */
  record EndTxn(
      String transactionalId, long producerId, short producerEpoch, boolean commit, long nowMs)
      implements Request {
    public EndTxn {
      Objects.requireNonNull(transactionalId, "transactionalId");
    }
  }

  /** Every marker of a {@link TxnEffect.WriteMarkers} request has been written. */
  record MarkersWritten(
      String transactionalId, long producerId, short producerEpoch, boolean commit, long nowMs)
      implements TxnEvent {
    public MarkersWritten {
      Objects.requireNonNull(transactionalId, "transactionalId");
    }
  }

  /** A {@link TxnEffect.ScheduleTimeout} timer fired: abort the transaction if it timed out. */
  record CheckTimeout(String transactionalId, long nowMs) implements TxnEvent {
    public CheckTimeout {
      Objects.requireNonNull(transactionalId, "transactionalId");
    }
  }
}
