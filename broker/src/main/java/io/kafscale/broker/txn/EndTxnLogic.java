/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.protocol.Errors;

/**
 * Ending transactions, as Kafka's coordinator does it (transaction version 1): EndTxn moves an
 * ongoing transaction to PrepareCommit/PrepareAbort (persisted, then answered), the markers are
 * written, and MarkersWritten completes it (CompleteCommit/CompleteAbort, persisted). A coordinator
 * abort (InitProducerId on an ongoing transaction, or a timeout) first bumps the epoch, so the old
 * producer is fenced and the abort markers carry the new epoch. Pure.
 */
final class EndTxnLogic {

  TxnResult end(Optional<TxnMetadata> current, TxnEvent.EndTxn e, int coordinatorEpoch) {
    if (e.transactionalId().isEmpty()) {
      return reply(current, Errors.INVALID_REQUEST);
    }
    if (current.isEmpty() || current.get().producerId() != e.producerId()) {
      return reply(current, Errors.INVALID_PRODUCER_ID_MAPPING);
    }
    TxnMetadata txn = current.get();
    if (txn.producerEpoch() != e.producerEpoch()) {
      return reply(current, Errors.PRODUCER_FENCED);
    }
    boolean commit = e.commit();
    return switch (txn.state()) {
      case ONGOING ->
          prepare(
              txn,
              commit,
              e.nowMs(),
              coordinatorEpoch,
              Optional.of(new TxnReply.Status(Errors.NONE)));
      // A retry of an EndTxn that already completed succeeds; one still writing markers waits.
      case COMPLETE_COMMIT -> reply(current, commit ? Errors.NONE : Errors.INVALID_TXN_STATE);
      case COMPLETE_ABORT -> reply(current, commit ? Errors.INVALID_TXN_STATE : Errors.NONE);
      case PREPARE_COMMIT ->
          reply(current, commit ? Errors.CONCURRENT_TRANSACTIONS : Errors.INVALID_TXN_STATE);
      case PREPARE_ABORT ->
          reply(current, commit ? Errors.INVALID_TXN_STATE : Errors.CONCURRENT_TRANSACTIONS);
      case EMPTY -> reply(current, Errors.INVALID_TXN_STATE);
      case DEAD, PREPARE_EPOCH_FENCE ->
          throw new IllegalStateException(
              "transactional id " + e.transactionalId() + " found in state " + txn.state());
    };
  }

  /**
   * Bumps the epoch of the ongoing transaction (PrepareEpochFence) and aborts it at the new epoch.
   * {@code replyError}, if given, becomes an InitProducerId reply.
   */
  TxnResult fenceAndAbort(
      TxnMetadata txn, long nowMs, int coordinatorEpoch, Optional<Errors> replyError) {
    if (txn.producerEpoch() == Short.MAX_VALUE) {
      throw new IllegalStateException(
          "no epoch left to fence producer " + txn.producerId() + " of " + txn.transactionalId());
    }
    TxnMetadata fenced =
        txn.transition(
            TxnState.PREPARE_EPOCH_FENCE,
            txn.producerId(),
            (short) (txn.producerEpoch() + 1),
            ProducerEpoch.NO_EPOCH,
            txn.timeoutMs(),
            txn.partitions(),
            txn.txnStartTimeMs(),
            txn.lastUpdateTimeMs(),
            coordinatorEpoch);
    return prepare(
        fenced,
        false,
        nowMs,
        coordinatorEpoch,
        replyError.map(err -> TxnReply.InitProducerId.failed(err)));
  }

  /** Completes the transaction whose markers were written; stale notices change nothing. */
  TxnResult markersWritten(
      Optional<TxnMetadata> current, TxnEvent.MarkersWritten e, int coordinatorEpoch) {
    TxnState expected = e.commit() ? TxnState.PREPARE_COMMIT : TxnState.PREPARE_ABORT;
    if (current.isEmpty()
        || current.get().state() != expected
        || current.get().producerId() != e.producerId()
        || current.get().producerEpoch() != e.producerEpoch()) {
      return new TxnResult(current, List.of());
    }
    TxnMetadata next = complete(current.get(), e.nowMs(), coordinatorEpoch);
    return new TxnResult(Optional.of(next), List.of(new TxnEffect.Persist(next)));
  }

  /**
   * Aborts the transaction if it is ongoing and older than its timeout (Kafka's rule: start +
   * timeout &lt; now), fencing its producer; re-arms the timer if it fired early.
   */
  TxnResult checkTimeout(
      Optional<TxnMetadata> current, TxnEvent.CheckTimeout e, int coordinatorEpoch) {
    if (current.isEmpty() || current.get().state() != TxnState.ONGOING) {
      return new TxnResult(current, List.of());
    }
    TxnMetadata txn = current.get();
    long deadline = deadlineOf(txn);
    if (e.nowMs() < deadline) {
      return new TxnResult(
          current, List.of(new TxnEffect.ScheduleTimeout(txn.transactionalId(), deadline)));
    }
    return fenceAndAbort(txn, e.nowMs(), coordinatorEpoch, Optional.empty());
  }

  /** The first instant at which the ongoing {@code txn} counts as timed out. */
  static long deadlineOf(TxnMetadata txn) {
    return txn.txnStartTimeMs() + txn.timeoutMs() + 1;
  }

  private TxnResult prepare(
      TxnMetadata txn, boolean commit, long nowMs, int coordinatorEpoch, Optional<TxnReply> reply) {
    TxnMetadata prepared =
        txn.transition(
            commit ? TxnState.PREPARE_COMMIT : TxnState.PREPARE_ABORT,
            txn.partitions(),
            nowMs,
            coordinatorEpoch);
    List<TxnEffect> effects = new ArrayList<>();
    if (prepared.partitions().isEmpty()) {
      // Nothing to mark: Kafka's marker manager completes such a transaction at once.
      TxnMetadata done = complete(prepared, nowMs, coordinatorEpoch);
      effects.add(new TxnEffect.Persist(done));
      reply.ifPresent(r -> effects.add(new TxnEffect.Reply(r)));
      return new TxnResult(Optional.of(done), effects);
    }
    effects.add(new TxnEffect.Persist(prepared));
    reply.ifPresent(r -> effects.add(new TxnEffect.Reply(r)));
    effects.add(markersFor(prepared, coordinatorEpoch));
    return new TxnResult(Optional.of(prepared), effects);
  }

  /** The markers a Prepare* state still needs, stamped with the coordinator's epoch. */
  static TxnEffect.WriteMarkers markersFor(TxnMetadata prepared, int coordinatorEpoch) {
    return new TxnEffect.WriteMarkers(
        prepared.transactionalId(),
        prepared.producerId(),
        prepared.producerEpoch(),
        prepared.state() == TxnState.PREPARE_COMMIT,
        coordinatorEpoch,
        prepared.partitions());
  }

  private static TxnMetadata complete(TxnMetadata prepared, long nowMs, int coordinatorEpoch) {
    TxnState done =
        prepared.state() == TxnState.PREPARE_COMMIT
            ? TxnState.COMPLETE_COMMIT
            : TxnState.COMPLETE_ABORT;
    return prepared.transition(done, List.of(), nowMs, coordinatorEpoch);
  }

  private static TxnResult reply(Optional<TxnMetadata> current, Errors error) {
    return new TxnResult(current, List.of(new TxnEffect.Reply(new TxnReply.Status(error))));
  }
}
