/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.protocol.Errors;

/**
 * InitProducerId with a transactional id, as Kafka's coordinator handles it (transaction version
 * 1): a new id gets a fresh producer id at epoch 0; a known id gets its epoch bumped, fencing the
 * previous producer; an exhausted epoch rotates to a fresh producer id; an ongoing transaction is
 * first aborted at a bumped epoch and the caller told CONCURRENT_TRANSACTIONS; KIP-360 recovery
 * accepts the producer's current id and epoch or a retry of the last bump. Pure.
 */
final class InitProducerIdLogic {
  private final TxnSettings settings;
  private final EndTxnLogic fence;

  InitProducerIdLogic(TxnSettings settings, EndTxnLogic fence) {
    this.settings = settings;
    this.fence = fence;
  }

  TxnResult apply(Optional<TxnMetadata> current, TxnEvent.InitProducerId e, int coordinatorEpoch) {
    if (e.transactionalId().isEmpty()) {
      return reply(current, Errors.INVALID_REQUEST);
    }
    if (e.timeoutMs() <= 0 || e.timeoutMs() > settings.maxTimeoutMs()) {
      return reply(current, Errors.INVALID_TRANSACTION_TIMEOUT);
    }
    TxnMetadata txn;
    if (current.isPresent()) {
      txn = current.get();
    } else if (e.allocatedProducerId().isPresent()) {
      txn =
          TxnMetadata.fresh(
              e.transactionalId(),
              e.allocatedProducerId().getAsLong(),
              e.timeoutMs(),
              e.nowMs(),
              coordinatorEpoch);
    } else {
      return allocate(current, e);
    }
    if (e.expected().isPresent() && !isValidProducerId(txn, e.expected().get())) {
      return reply(current, Errors.PRODUCER_FENCED);
    }
    return switch (txn.state()) {
      case PREPARE_COMMIT, PREPARE_ABORT -> reply(current, Errors.CONCURRENT_TRANSACTIONS);
      case EMPTY, COMPLETE_COMMIT, COMPLETE_ABORT -> bump(current, txn, e, coordinatorEpoch);
      // The fenced epoch is never returned: the client retries and gets the next bump (or a new
      // producer id if fencing exhausted the epochs).
      case ONGOING ->
          fence.fenceAndAbort(
              txn, e.nowMs(), coordinatorEpoch, Optional.of(Errors.CONCURRENT_TRANSACTIONS));
      case DEAD, PREPARE_EPOCH_FENCE ->
          throw new IllegalStateException(
              "transactional id " + e.transactionalId() + " found in state " + txn.state());
    };
  }

  /**
   * Kafka's isValidProducerId: the metadata was just created (epoch -1), or the producer presents
   * the current producer id (its epoch is checked by the bump), or the previous id with an
   * exhausted epoch (a retry of the rotation whose answer it lost).
   */
  private static boolean isValidProducerId(TxnMetadata txn, ProducerEpoch expected) {
    return txn.producerEpoch() == ProducerEpoch.NO_EPOCH
        || expected.producerId() == txn.producerId()
        || (expected.producerId() == txn.lastProducerId()
            && ProducerEpoch.isExhausted(expected.epoch()));
  }

  private TxnResult bump(
      Optional<TxnMetadata> current,
      TxnMetadata txn,
      TxnEvent.InitProducerId e,
      int coordinatorEpoch) {
    boolean rotate =
        txn.isEpochExhausted()
            && e.expected().map(x -> x.epoch() == txn.producerEpoch()).orElse(true);
    TxnMetadata next;
    if (rotate) {
      if (e.allocatedProducerId().isEmpty()) {
        return allocate(current, e);
      }
      next =
          txn.transition(
              TxnState.EMPTY,
              e.allocatedProducerId().getAsLong(),
              (short) 0,
              e.expected().isPresent() ? txn.producerEpoch() : ProducerEpoch.NO_EPOCH,
              e.timeoutMs(),
              List.of(),
              -1L,
              e.nowMs(),
              coordinatorEpoch);
    } else {
      Optional<short[]> epochs = nextEpochs(txn, e.expected());
      if (epochs.isEmpty()) {
        return reply(current, Errors.PRODUCER_FENCED);
      }
      next =
          txn.transition(
              TxnState.EMPTY,
              txn.producerId(),
              epochs.get()[0],
              epochs.get()[1],
              e.timeoutMs(),
              List.of(),
              -1L,
              e.nowMs(),
              coordinatorEpoch);
    }
    return new TxnResult(
        Optional.of(next),
        List.of(
            new TxnEffect.Persist(next),
            new TxnEffect.Reply(
                new TxnReply.InitProducerId(
                    Errors.NONE, next.producerId(), next.producerEpoch()))));
  }

  /**
   * Kafka's prepareIncrementProducerEpoch: {next epoch, last epoch}, or empty when the producer is
   * fenced. A retry of the last bump (expected = last epoch) returns the current epoch unchanged.
   */
  private static Optional<short[]> nextEpochs(TxnMetadata txn, Optional<ProducerEpoch> expected) {
    short epoch = txn.producerEpoch();
    if (expected.isEmpty()) {
      return Optional.of(new short[] {(short) (epoch + 1), ProducerEpoch.NO_EPOCH});
    }
    short want = expected.get().epoch();
    if (epoch == ProducerEpoch.NO_EPOCH || want == epoch) {
      // Kafka throws on an exhausted epoch here; rotation already caught want == epoch, so only a
      // stale producer gets here and is answered as fenced.
      return txn.isEpochExhausted()
          ? Optional.empty()
          : Optional.of(new short[] {(short) (epoch + 1), epoch});
    }
    if (want == txn.lastProducerEpoch()) {
      return Optional.of(new short[] {epoch, txn.lastProducerEpoch()});
    }
    return Optional.empty();
  }

  private static TxnResult allocate(Optional<TxnMetadata> current, TxnEvent.InitProducerId e) {
    return new TxnResult(current, List.of(new TxnEffect.AllocateProducerId(e.transactionalId())));
  }

  private static TxnResult reply(Optional<TxnMetadata> current, Errors error) {
    return new TxnResult(
        current, List.of(new TxnEffect.Reply(TxnReply.InitProducerId.failed(error))));
  }
}
