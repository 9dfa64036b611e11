/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a new coordinator does with the states it loaded for a {@code __transaction_state} partition
 * it just claimed (Kafka's loadTransactionsForTxnTopicPartition): a transaction in
 * PrepareCommit/PrepareAbort had its outcome decided, so its markers are written again (stamped
 * with the new coordinator epoch) and MarkersWritten then completes it; an Ongoing one is kept and
 * its timeout armed, so an abandoned one is aborted. Pure.
 */
public final class TxnRecovery {
  private TxnRecovery() {}

  /**
   * The recovered states keyed by transactional id (held at {@code coordinatorEpoch}) and the
   * effects to perform for them.
   */
  public record Plan(Map<String, TxnMetadata> states, List<TxnEffect> effects) {
    public Plan {
      states = Map.copyOf(states);
      effects = List.copyOf(effects);
    }
  }

  public static Plan recover(Collection<TxnMetadata> loaded, int coordinatorEpoch) {
    Objects.requireNonNull(loaded, "loaded");
    Map<String, TxnMetadata> states = new TreeMap<>();
    List<TxnEffect> effects = new ArrayList<>();
    for (TxnMetadata stored : loaded) {
      TxnMetadata txn = stored.withCoordinatorEpoch(coordinatorEpoch);
      states.put(txn.transactionalId(), txn);
      switch (txn.state()) {
        case PREPARE_COMMIT, PREPARE_ABORT ->
            effects.add(EndTxnLogic.markersFor(txn, coordinatorEpoch));
        case ONGOING ->
            effects.add(
                new TxnEffect.ScheduleTimeout(txn.transactionalId(), EndTxnLogic.deadlineOf(txn)));
        default -> {
          // Nothing in flight.
        }
      }
    }
    return new Plan(states, effects);
  }
}
