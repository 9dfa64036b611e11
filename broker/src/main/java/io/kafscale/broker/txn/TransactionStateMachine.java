/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import io.kafscale.broker.group.CoordinatorPartitions;
import io.kafscale.metadata.model.PartitionRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.protocol.Errors;

/**
 * Kafka's transaction coordinator (transaction version 1, the protocol Kafka 4.x clients use when
 * the broker does not finalize the {@code transaction.version} feature) as a pure function: {@code
 * apply(state, event, coordinatorEpoch)} returns the id's next state and the effects to perform
 * (persist, reply, write markers, arm the timeout). No I/O, no clock, no threads: time arrives in
 * the events, fresh producer ids through {@link TxnEffect.AllocateProducerId}. States and their
 * transitions are drawn in {@link TxnState}; errors are Kafka's (INVALID_PRODUCER_ID_MAPPING,
 * PRODUCER_FENCED, CONCURRENT_TRANSACTIONS, INVALID_TXN_STATE, INVALID_TRANSACTION_TIMEOUT); the
 * COORDINATOR_* errors belong to the shell.
 *
 * <p>Immutable and thread-safe; the shell must apply one id's events one at a time and adopt a
 * result's state only once its {@link TxnEffect.Persist} succeeded.
 */
public final class TransactionStateMachine {
  private final TxnSettings settings;
  private final EndTxnLogic ends = new EndTxnLogic();
  private final InitProducerIdLogic inits;

  public TransactionStateMachine(TxnSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.inits = new InitProducerIdLogic(settings, ends);
  }

  /**
   * Applies {@code event} to the id's current state (empty: none stored).
   *
   * @param coordinatorEpoch leader epoch of the {@code __transaction_state} partition this
   *     coordinator owns; stamped on persisted states and markers
   */
  public TxnResult apply(Optional<TxnMetadata> current, TxnEvent event, int coordinatorEpoch) {
    Objects.requireNonNull(current, "current");
    current.ifPresent(
        c -> {
          if (!c.transactionalId().equals(event.transactionalId())) {
            throw new IllegalArgumentException(
                "state of " + c.transactionalId() + " given for " + event.transactionalId());
          }
        });
    return switch (event) {
      case TxnEvent.InitProducerId e -> inits.apply(current, e, coordinatorEpoch);
      case TxnEvent.AddPartitions e when e.verifyOnly() -> verify(current, e);
      case TxnEvent.AddPartitions e -> addPartitions(current, e, coordinatorEpoch);
      case TxnEvent.AddOffsets e -> addOffsets(current, e, coordinatorEpoch);
      case TxnEvent.EndTxn e -> ends.end(current, e, coordinatorEpoch);
      case TxnEvent.MarkersWritten e -> ends.markersWritten(current, e, coordinatorEpoch);
      case TxnEvent.CheckTimeout e -> ends.checkTimeout(current, e, coordinatorEpoch);
    };
  }

  /** The {@code __consumer_offsets} partition of {@code groupId}. */
  public PartitionRef offsetsPartitionOf(String groupId) {
    return new PartitionRef(
        CoordinatorPartitions.TOPIC,
        CoordinatorPartitions.partitionFor(groupId, settings.offsetsTopicPartitions()));
  }

  private TxnResult addPartitions(
      Optional<TxnMetadata> current, TxnEvent.AddPartitions e, int coordinatorEpoch) {
    return add(
        current,
        e.transactionalId(),
        e.producerId(),
        e.producerEpoch(),
        e.partitions(),
        e.nowMs(),
        coordinatorEpoch,
        error -> TxnReply.AddPartitions.all(e.partitions(), error));
  }

  private TxnResult addOffsets(
      Optional<TxnMetadata> current, TxnEvent.AddOffsets e, int coordinatorEpoch) {
    return add(
        current,
        e.transactionalId(),
        e.producerId(),
        e.producerEpoch(),
        new TreeSet<>(List.of(offsetsPartitionOf(e.groupId()))),
        e.nowMs(),
        coordinatorEpoch,
        TxnReply.Status::new);
  }

  /** Kafka's handleAddPartitionsToTransaction, shared by AddPartitionsToTxn and AddOffsetsToTxn. */
  private TxnResult add(
      Optional<TxnMetadata> current,
      String transactionalId,
      long producerId,
      short producerEpoch,
      SortedSet<PartitionRef> partitions,
      long nowMs,
      int coordinatorEpoch,
      java.util.function.Function<Errors, TxnReply> replyOf) {
    Errors error = precheck(current, transactionalId, producerId, producerEpoch);
    if (error != Errors.NONE) {
      return reply(current, replyOf.apply(error));
    }
    TxnMetadata txn = current.orElseThrow();
    if (txn.state() == TxnState.ONGOING && txn.partitions().containsAll(partitions)) {
      return reply(current, replyOf.apply(Errors.NONE));
    }
    SortedSet<PartitionRef> all = new TreeSet<>(txn.partitions());
    all.addAll(partitions);
    boolean starts = txn.state().isIdle();
    TxnMetadata next =
        txn.transition(
            TxnState.ONGOING,
            txn.producerId(),
            txn.producerEpoch(),
            txn.lastProducerEpoch(),
            txn.timeoutMs(),
            all,
            starts ? nowMs : txn.txnStartTimeMs(),
            nowMs,
            coordinatorEpoch);
    List<TxnEffect> effects = new ArrayList<>();
    effects.add(new TxnEffect.Persist(next));
    effects.add(new TxnEffect.Reply(replyOf.apply(Errors.NONE)));
    if (starts) {
      effects.add(new TxnEffect.ScheduleTimeout(transactionalId, EndTxnLogic.deadlineOf(next)));
    }
    return new TxnResult(Optional.of(next), effects);
  }

  private static Errors precheck(
      Optional<TxnMetadata> current, String transactionalId, long producerId, short epoch) {
    if (transactionalId.isEmpty()) {
      return Errors.INVALID_REQUEST;
    }
    if (current.isEmpty() || current.get().producerId() != producerId) {
      return Errors.INVALID_PRODUCER_ID_MAPPING;
    }
    if (current.get().producerEpoch() != epoch) {
      return Errors.PRODUCER_FENCED;
    }
    if (current.get().state().isPrepare()) {
      return Errors.CONCURRENT_TRANSACTIONS;
    }
    return Errors.NONE;
  }

  /**
   * Kafka's handleVerifyPartitionsInTransaction (AddPartitionsToTxn v4+ with verifyOnly): NONE for
   * each partition already in the transaction, TRANSACTION_ABORTABLE for the others; nothing
   * changes.
   */
  private static TxnResult verify(Optional<TxnMetadata> current, TxnEvent.AddPartitions e) {
    Errors error = precheck(current, e.transactionalId(), e.producerId(), e.producerEpoch());
    if (error != Errors.NONE) {
      return reply(current, TxnReply.AddPartitions.all(e.partitions(), error));
    }
    Map<PartitionRef, Errors> errors = new TreeMap<>();
    for (PartitionRef p : e.partitions()) {
      errors.put(
          p, current.get().partitions().contains(p) ? Errors.NONE : Errors.TRANSACTION_ABORTABLE);
    }
    return reply(current, TxnReply.AddPartitions.of(errors));
  }

  private static TxnResult reply(Optional<TxnMetadata> current, TxnReply reply) {
    return new TxnResult(current, List.of(new TxnEffect.Reply(reply)));
  }
}
