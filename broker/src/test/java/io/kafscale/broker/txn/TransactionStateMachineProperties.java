/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import static io.kafscale.broker.txn.TxnTestContext.tp;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.model.PartitionRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of the transaction coordinator under random sequences of requests, marker completions,
 * timeouts and coordinator failovers. Two coordinators get the same events: one never fails, the
 * other loses its memory at every failover and recovers from what it persisted.
 */
class TransactionStateMachineProperties {
  private static final List<String> IDS = List.of("a", "b");

  enum Kind {
    INIT,
    INIT_EXPECT_CURRENT,
    INIT_EXPECT_STALE,
    ADD,
    ADD_STALE,
    VERIFY,
    ADD_OFFSETS,
    COMMIT,
    ABORT,
    MARKERS_DONE,
    TIME_PASSES,
    FAILOVER
  }

  record Step(Kind kind, int id, int partition, int delayMs) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(
            Arbitraries.of(Kind.class),
            Arbitraries.integers().between(0, IDS.size() - 1),
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 3_000))
        .as(Step::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(60);
  }

  /** One coordinator plus the markers it was asked to write and has not yet reported. */
  private static final class Coordinator {
    final TxnTestContext ctx = new TxnTestContext(new TxnSettings(900_000, 50));
    final List<TxnEffect.WriteMarkers> pending = new ArrayList<>();

    TxnResult apply(TxnEvent event) {
      TxnResult r = ctx.apply(event);
      if (event instanceof TxnEvent.MarkersWritten done && r.persist().isPresent()) {
        pending.removeIf(
            m ->
                m.transactionalId().equals(done.transactionalId())
                    && m.producerId() == done.producerId()
                    && m.producerEpoch() == done.producerEpoch()
                    && m.commit() == done.commit());
      }
      r.effects().stream()
          .filter(TxnEffect.WriteMarkers.class::isInstance)
          .map(TxnEffect.WriteMarkers.class::cast)
          .forEach(pending::add);
      return r;
    }
  }

  @Property(tries = 400)
  void coordinatorInvariantsHoldUnderFailoverAndTimeouts(@ForAll("steps") List<Step> steps) {
    Coordinator stable = new Coordinator();
    Coordinator failing = new Coordinator();
    Map<String, long[]> lastEpochs = new HashMap<>();
    Map<String, Set<PartitionRef>> openPartitions = new HashMap<>();
    for (Step step : steps) {
      String id = IDS.get(step.id());
      for (TxnEvent event : eventsFor(step, id, stable)) {
        // When both coordinators apply the event
        TxnResult a = stable.apply(event);
        TxnResult b = failing.apply(event);
        // Then every request is answered exactly once, identically
        long replies = a.effects().stream().filter(TxnEffect.Reply.class::isInstance).count();
        assertThat(replies).isEqualTo(event instanceof TxnEvent.Request ? 1 : 0);
        assertThat(b.reply()).isEqualTo(a.reply());
        trackPartitions(event, a, stable, openPartitions);
        checkMarkers(a, openPartitions);
        checkMarkers(b, openPartitions);
        a.state()
            .filter(s -> s.state().isIdle())
            .ifPresent(s -> openPartitions.remove(s.transactionalId()));
      }
      if (step.kind() == Kind.FAILOVER) {
        failing.pending.clear();
        TxnRecovery.Plan plan = failing.ctx.failover();
        plan.effects().stream()
            .filter(TxnEffect.WriteMarkers.class::isInstance)
            .map(TxnEffect.WriteMarkers.class::cast)
            .forEach(
                m -> {
                  failing.pending.add(m);
                  assertThat(m.partitions()).isEqualTo(openPartitions.get(m.transactionalId()));
                });
      }
      // Then the recovered coordinator holds exactly what the stable one holds, which is what was
      // persisted, and epochs never went backwards
      assertThat(normalized(failing.ctx.states)).isEqualTo(normalized(stable.ctx.states));
      assertThat(normalized(stable.ctx.durable)).isEqualTo(normalized(stable.ctx.states));
      assertThat(pendingKeys(failing)).isEqualTo(pendingKeys(stable));
      for (TxnMetadata t : stable.ctx.states.values()) {
        long[] before = lastEpochs.get(t.transactionalId());
        long[] now = {t.producerId(), t.producerEpoch()};
        if (before != null) {
          assertThat(now[0] > before[0] || (now[0] == before[0] && now[1] >= before[1]))
              .as(
                  "producer id/epoch of %s went from %s/%s to %s/%s",
                  t.transactionalId(), before[0], before[1], now[0], now[1])
              .isTrue();
        }
        lastEpochs.put(t.transactionalId(), now);
      }
    }
  }

  private static List<TxnEvent> eventsFor(Step step, String id, Coordinator stable) {
    TxnTestContext ctx = stable.ctx;
    long now = ctx.now;
    Optional<TxnMetadata> cur = ctx.state(id);
    long pid = cur.map(TxnMetadata::producerId).orElse(1000L);
    short epoch = cur.map(TxnMetadata::producerEpoch).orElse((short) 0);
    PartitionRef partition = tp("t" + (step.partition() % 2), step.partition());
    return switch (step.kind()) {
      case INIT -> List.of(init(id, Optional.empty(), now));
      case INIT_EXPECT_CURRENT ->
          List.of(init(id, Optional.of(new ProducerEpoch(pid, epoch)), now));
      case INIT_EXPECT_STALE ->
          List.of(init(id, Optional.of(new ProducerEpoch(pid, (short) (epoch - 1))), now));
      case ADD ->
          List.of(new TxnEvent.AddPartitions(id, pid, epoch, Set.of(partition), false, now));
      case ADD_STALE ->
          List.of(
              new TxnEvent.AddPartitions(
                  id, pid, (short) (epoch - 1), Set.of(partition), false, now));
      case VERIFY ->
          List.of(new TxnEvent.AddPartitions(id, pid, epoch, Set.of(partition), true, now));
      case ADD_OFFSETS ->
          List.of(new TxnEvent.AddOffsets(id, pid, epoch, "group-" + step.partition(), now));
      case COMMIT -> List.of(new TxnEvent.EndTxn(id, pid, epoch, true, now));
      case ABORT -> List.of(new TxnEvent.EndTxn(id, pid, epoch, false, now));
      case MARKERS_DONE ->
          stable.pending.stream()
              .filter(m -> m.transactionalId().equals(id))
              .findFirst()
              .map(
                  m ->
                      List.<TxnEvent>of(
                          new TxnEvent.MarkersWritten(
                              id, m.producerId(), m.producerEpoch(), m.commit(), now)))
              .orElse(List.of());
      case TIME_PASSES -> {
        ctx.now += step.delayMs() * 20L;
        yield IDS.stream().<TxnEvent>map(i -> new TxnEvent.CheckTimeout(i, ctx.now)).toList();
      }
      case FAILOVER -> List.of();
    };
  }

  private static TxnEvent init(String id, Optional<ProducerEpoch> expected, long now) {
    return new TxnEvent.InitProducerId(id, 30_000, expected, OptionalLong.empty(), now);
  }

  /** Partitions a successful add put into the id's open transaction (the model). */
  private static void trackPartitions(
      TxnEvent event, TxnResult a, Coordinator stable, Map<String, Set<PartitionRef>> open) {
    boolean ok =
        switch (a.reply().orElse(null)) {
          case TxnReply.AddPartitions p -> p.succeeded();
          case TxnReply.Status s -> s.error() == org.apache.kafka.common.protocol.Errors.NONE;
          case null, default -> false;
        };
    if (!ok) {
      return;
    }
    switch (event) {
      case TxnEvent.AddPartitions add when !add.verifyOnly() ->
          open.computeIfAbsent(add.transactionalId(), k -> new TreeSet<>())
              .addAll(add.partitions());
      case TxnEvent.AddOffsets offsets ->
          open.computeIfAbsent(offsets.transactionalId(), k -> new TreeSet<>())
              .add(stable.ctx.machine.offsetsPartitionOf(offsets.groupId()));
      default -> {
        // Not an add.
      }
    }
  }

  private static void checkMarkers(TxnResult r, Map<String, Set<PartitionRef>> open) {
    r.markers()
        .ifPresent(
            m ->
                assertThat(m.partitions())
                    .as("markers of %s", m.transactionalId())
                    .isEqualTo(open.getOrDefault(m.transactionalId(), Set.of())));
  }

  private static Map<String, TxnMetadata> normalized(Map<String, TxnMetadata> states) {
    return states.values().stream()
        .collect(Collectors.toMap(TxnMetadata::transactionalId, t -> t.withCoordinatorEpoch(0)));
  }

  /**
   * Pending markers without their coordinator epoch (a failover re-stamps them); each must belong
   * to a transaction that is still being completed.
   */
  private static List<List<Object>> pendingKeys(Coordinator c) {
    List<List<Object>> keys = new ArrayList<>();
    for (TxnEffect.WriteMarkers m : c.pending) {
      TxnMetadata t = c.ctx.states.get(m.transactionalId());
      assertThat(t).isNotNull();
      assertThat(t.state())
          .isEqualTo(m.commit() ? TxnState.PREPARE_COMMIT : TxnState.PREPARE_ABORT);
      assertThat(List.of(t.producerId(), t.producerEpoch(), t.partitions()))
          .isEqualTo(List.of(m.producerId(), m.producerEpoch(), m.partitions()));
      keys.add(
          List.of(
              m.transactionalId(), m.producerId(), m.producerEpoch(), m.commit(), m.partitions()));
    }
    keys.sort(java.util.Comparator.comparing(Object::toString));
    return keys;
  }
}
