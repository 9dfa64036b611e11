/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import io.kafscale.broker.api.ManualScheduler;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.TransactionRecord;
import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.registry.TransactionRegistry;
import io.kafscale.metadata.store.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fakes around {@link TransactionCoordinator}: one {@code __transaction_state} partition whose
 * owner epoch the test moves, a registry that fences on that epoch, a marker writer whose calls the
 * test completes, a manual clock and scheduler. Coordinators built by {@link #coordinator()} share
 * the registry, as brokers share etcd.
 */
final class TransactionCoordinatorTestContext {
  static final Duration MARKER_BACKOFF = Duration.ofMillis(100);

  final ManualClock clock = new ManualClock(1_000_000);
  final ManualScheduler scheduler = new ManualScheduler(clock);
  final FakeRegistry registry = new FakeRegistry();
  final FakeMarkers markers = new FakeMarkers();
  final AtomicLong producerIds = new AtomicLong(5000);
  volatile int ownerEpoch = 1;
  volatile boolean owned = true;

  /** The epoch the store's owner key holds, when another broker claimed it behind our back. */
  volatile Integer claimedElsewhereAt;

  private int storeEpoch() {
    Integer other = claimedElsewhereAt;
    return other != null ? other : ownerEpoch;
  }

  TransactionCoordinator coordinator() {
    TransactionCoordinatorPartitions partitions =
        new TransactionCoordinatorPartitions() {
          @Override
          public int count() {
            return 1;
          }

          @Override
          public Optional<CoordinatorFence> fence(int partition) {
            return owned
                ? Optional.of(
                    new CoordinatorFence(
                        TransactionPartitions.TOPIC,
                        partition,
                        new BrokerSession(1, "inc", 7L),
                        ownerEpoch))
                : Optional.empty();
          }
        };
    return new TransactionCoordinator(
        registry,
        partitions,
        new TransactionStateMachine(TxnSettings.defaults()),
        markers,
        () -> CompletableFuture.completedFuture(producerIds.getAndIncrement()),
        scheduler,
        clock,
        MARKER_BACKOFF);
  }

  /** Transaction records keyed by id; writes fail unless the fence carries the owner epoch. */
  final class FakeRegistry implements TransactionRegistry {
    final Map<String, TransactionRecord> records = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<Optional<TransactionRecord>> load(String transactionalId) {
      return CompletableFuture.completedFuture(Optional.ofNullable(records.get(transactionalId)));
    }

    @Override
    public CompletableFuture<List<TransactionRecord>> listAll() {
      return CompletableFuture.completedFuture(List.copyOf(records.values()));
    }

    @Override
    public CompletableFuture<Void> save(CoordinatorFence fence, TransactionRecord txn) {
      if (fence.epoch() != storeEpoch()) {
        return CompletableFuture.failedFuture(new FencedEpochException("fenced"));
      }
      records.put(txn.transactionalId(), txn);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> delete(CoordinatorFence fence, String transactionalId) {
      if (fence.epoch() != storeEpoch()) {
        return CompletableFuture.failedFuture(new FencedEpochException("fenced"));
      }
      records.remove(transactionalId);
      return CompletableFuture.completedFuture(null);
    }
  }

  /** One marker-writing call and the future the test completes. */
  record MarkerCall(
      long producerId,
      short epoch,
      boolean commit,
      int coordinatorEpoch,
      TreeSet<PartitionRef> partitions,
      CompletableFuture<Void> done) {}

  /** Records every call; the test completes or fails each. */
  static final class FakeMarkers implements MarkerWriter {
    final List<MarkerCall> calls = new ArrayList<>();
    volatile boolean completeAtOnce;

    @Override
    public synchronized CompletableFuture<Void> writeMarkers(
        long producerId,
        short producerEpoch,
        boolean commit,
        int coordinatorEpoch,
        Collection<PartitionRef> partitions) {
      CompletableFuture<Void> done =
          completeAtOnce ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
      calls.add(
          new MarkerCall(
              producerId,
              producerEpoch,
              commit,
              coordinatorEpoch,
              new TreeSet<>(partitions),
              done));
      return done;
    }

    synchronized MarkerCall last() {
      return calls.get(calls.size() - 1);
    }
  }
}
