/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import io.kafscale.metadata.model.PartitionRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * A minimal in-memory shell around {@link TransactionStateMachine} for tests: keeps each id's
 * state, a durable copy updated only by Persist effects, allocates producer ids from a counter, and
 * records every effect. Failover replaces the in-memory states by the durable ones and applies
 * {@link TxnRecovery}. Not thread-safe.
 */
final class TxnTestContext {
  final TransactionStateMachine machine;
  final Map<String, TxnMetadata> states = new HashMap<>();
  final Map<String, TxnMetadata> durable = new HashMap<>();
  final List<TxnEffect> effects = new ArrayList<>();
  long nextProducerId = 1000;
  int coordinatorEpoch = 1;
  long now = 10_000;

  TxnTestContext(TxnSettings settings) {
    this.machine = new TransactionStateMachine(settings);
  }

  TxnTestContext() {
    this(TxnSettings.defaults());
  }

  Optional<TxnMetadata> state(String id) {
    return Optional.ofNullable(states.get(id));
  }

  /** Applies {@code event} as a shell would (allocating ids on request) and returns the result. */
  TxnResult apply(TxnEvent event) {
    TxnResult result = machine.apply(state(event.transactionalId()), event, coordinatorEpoch);
    if (result.effects().size() == 1
        && result.effects().get(0) instanceof TxnEffect.AllocateProducerId
        && event instanceof TxnEvent.InitProducerId init) {
      result =
          machine.apply(
              state(event.transactionalId()),
              init.withAllocatedProducerId(nextProducerId++),
              coordinatorEpoch);
    }
    result.persist().ifPresent(p -> durable.put(p.transactionalId(), p));
    result.state().ifPresent(s -> states.put(s.transactionalId(), s));
    effects.addAll(result.effects());
    return result;
  }

  TxnResult init(String id, int timeoutMs) {
    return apply(
        new TxnEvent.InitProducerId(id, timeoutMs, Optional.empty(), OptionalLong.empty(), now));
  }

  TxnResult init(String id) {
    return init(id, 60_000);
  }

  TxnResult initExpecting(String id, long producerId, short epoch) {
    return apply(
        new TxnEvent.InitProducerId(
            id,
            60_000,
            Optional.of(new ProducerEpoch(producerId, epoch)),
            OptionalLong.empty(),
            now));
  }

  TxnResult add(String id, PartitionRef... partitions) {
    TxnMetadata t = states.get(id);
    return add(id, t.producerId(), t.producerEpoch(), partitions);
  }

  TxnResult add(String id, long producerId, short epoch, PartitionRef... partitions) {
    return apply(
        new TxnEvent.AddPartitions(
            id, producerId, epoch, new TreeSet<>(Set.of(partitions)), false, now));
  }

  TxnResult verify(String id, PartitionRef... partitions) {
    TxnMetadata t = states.get(id);
    return apply(
        new TxnEvent.AddPartitions(
            id, t.producerId(), t.producerEpoch(), new TreeSet<>(Set.of(partitions)), true, now));
  }

  TxnResult end(String id, boolean commit) {
    TxnMetadata t = states.get(id);
    return end(id, t.producerId(), t.producerEpoch(), commit);
  }

  TxnResult end(String id, long producerId, short epoch, boolean commit) {
    return apply(new TxnEvent.EndTxn(id, producerId, epoch, commit, now));
  }

  /** Reports the markers of {@code markers} as written. */
  TxnResult markersWritten(TxnEffect.WriteMarkers markers) {
    return apply(
        new TxnEvent.MarkersWritten(
            markers.transactionalId(),
            markers.producerId(),
            markers.producerEpoch(),
            markers.commit(),
            now));
  }

  /** The coordinator fails and a new one (next epoch) loads the durable states. */
  TxnRecovery.Plan failover() {
    coordinatorEpoch++;
    TxnRecovery.Plan plan = TxnRecovery.recover(durable.values(), coordinatorEpoch);
    states.clear();
    states.putAll(plan.states());
    return plan;
  }

  static PartitionRef tp(String topic, int partition) {
    return new PartitionRef(topic, partition);
  }
}
