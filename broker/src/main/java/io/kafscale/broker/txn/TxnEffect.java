/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import io.kafscale.metadata.model.PartitionRef;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Something the shell must do after applying an event. Order, as Kafka's coordinator does it:
 * {@link Persist} first (at most one per result); only when it succeeded, {@link Reply}, then
 * {@link WriteMarkers} and {@link ScheduleTimeout}. If the persist fails, the shell keeps the
 * previous state, replies with a coordinator error instead and drops the other effects.
 */
public sealed interface TxnEffect {

  /**
   * The machine needs a fresh producer id: allocate one and apply the same request again with
   * {@link TxnEvent.InitProducerId#withAllocatedProducerId}. Comes alone, with no state change.
   */
  record AllocateProducerId(String transactionalId) implements TxnEffect {}

  /** Write {@code state} (fenced by the coordinator partition) before anything else. */
  record Persist(TxnMetadata state) implements TxnEffect {
    public Persist {
      Objects.requireNonNull(state, "state");
    }
  }

  /** Complete the request with {@code reply}. */
  record Reply(TxnReply reply) implements TxnEffect {
    public Reply {
      Objects.requireNonNull(reply, "reply");
    }
  }

  /**
   * Write a commit or abort control batch for the producer to every partition, through their
   * owners, then apply {@link TxnEvent.MarkersWritten}. Retried by the shell until done or until
   * this coordinator loses its partition.
   */
  record WriteMarkers(
      String transactionalId,
      long producerId,
      short producerEpoch,
      boolean commit,
      int coordinatorEpoch,
      SortedSet<PartitionRef> partitions)
      implements TxnEffect {
    public WriteMarkers {
      Objects.requireNonNull(transactionalId, "transactionalId");
      partitions = Collections.unmodifiableSortedSet(new TreeSet<>(partitions));
    }
  }

  /** Apply {@link TxnEvent.CheckTimeout} for the id at {@code deadlineMs} (or later). */
  record ScheduleTimeout(String transactionalId, long deadlineMs) implements TxnEffect {}
}
