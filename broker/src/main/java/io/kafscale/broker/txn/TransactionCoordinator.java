/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import io.kafscale.broker.partition.Scheduler;
import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.registry.ProducerIdAllocator;
import io.kafscale.metadata.registry.TransactionRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction coordinator shell: serves the transactional ids whose {@value
 * TransactionPartitions#TOPIC} partition this broker owns. A partition's ids are loaded from the
 * {@link TransactionRegistry} on first use under the partition's fence, and {@link TxnRecovery}
 * finishes what the previous coordinator left in flight. Each id's events run one at a time through
 * {@link TransactionStateMachine}; a result's state is written (fenced) before its reply, and
 * adopted only if the write succeeded; markers go through the {@link MarkerWriter} and are retried
 * until written or the partition is lost; transaction timeouts run on the {@link Scheduler}.
 * Requests for ids not coordinated here are answered NOT_COORDINATOR; a lost fence unloads the
 * partition, found on the next request or by the periodic ownership check {@link #start} arms.
 * Thread-safe.
 */
public final class TransactionCoordinator {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionCoordinator.class);

  private final TransactionRegistry registry;
  private final TransactionCoordinatorPartitions partitions;
  private final TransactionStateMachine machine;
  private final MarkerWriter markers;
  private final ProducerIdAllocator producerIds;
  private final Scheduler scheduler;
  private final Clock clock;
  private final Duration markerRetryBackoff;
  private final Map<Integer, TxnSlot> slots = new ConcurrentHashMap<>();
  private volatile Scheduler.Cancellable ownershipTick;
  private volatile boolean closed;

  public TransactionCoordinator(
      TransactionRegistry registry,
      TransactionCoordinatorPartitions partitions,
      TransactionStateMachine machine,
      MarkerWriter markers,
      ProducerIdAllocator producerIds,
      Scheduler scheduler,
      Clock clock,
      Duration markerRetryBackoff) {
    this.registry = registry;
    this.partitions = partitions;
    this.machine = machine;
    this.markers = markers;
    this.producerIds = producerIds;
    this.scheduler = scheduler;
    this.clock = clock;
    this.markerRetryBackoff = markerRetryBackoff;
  }

  /** The {@value TransactionPartitions#TOPIC} partition of {@code transactionalId}. */
  public int partitionFor(String transactionalId) {
    return TransactionPartitions.partitionFor(transactionalId, partitions.count());
  }

  /** Applies a client request; the future completes with its reply (never fails). */
  public CompletableFuture<TxnReply> handle(TxnEvent.Request request) {
    String id = request.transactionalId();
    if (id.isEmpty()) {
      return CompletableFuture.completedFuture(
          machine.apply(Optional.empty(), request, 0).reply().orElseThrow());
    }
    Optional<TxnSlot> slot = slotFor(id);
    if (slot.isEmpty()) {
      return CompletableFuture.completedFuture(errorReply(request, Errors.NOT_COORDINATOR));
    }
    return slot.get()
        .submit(id, () -> run(slot.get(), request))
        .thenApply(reply -> reply.orElseThrow())
        .exceptionally(e -> errorReply(request, Errors.COORDINATOR_NOT_AVAILABLE));
  }

  /** The id's state for DescribeTransactions; empty when unknown or not coordinated here. */
  public CompletableFuture<Optional<TxnMetadata>> describe(String transactionalId) {
    Optional<TxnSlot> slot = slotFor(transactionalId);
    if (slot.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return slot.get().loaded.thenApply(v -> slot.get().state(transactionalId));
  }

  /** Whether {@code transactionalId} is coordinated here now. */
  public boolean isCoordinator(String transactionalId) {
    return partitions.fence(partitionFor(transactionalId)).isPresent();
  }

  /** The states of every partition loaded here (ListTransactions). */
  public List<TxnMetadata> loadedStates() {
    List<TxnMetadata> out = new ArrayList<>();
    slots.values().stream()
        .filter(s -> !s.isUnloaded() && s.loaded.isDone())
        .forEach(s -> out.addAll(s.states().values()));
    return out;
  }

  /**
   * The states of every {@value TransactionPartitions#TOPIC} partition owned here, loading those
   * not loaded yet (ListTransactions, as Kafka's brokers answer it); fails when a load failed.
   */
  public CompletableFuture<List<TxnMetadata>> ownedStates() {
    List<TxnSlot> owned = new ArrayList<>();
    for (int p = 0; p < partitions.count(); p++) {
      slotForPartition(p).ifPresent(owned::add);
    }
    return CompletableFuture.allOf(
            owned.stream().map(s -> s.loaded).toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              List<TxnMetadata> out = new ArrayList<>();
              owned.stream()
                  .filter(s -> !s.isUnloaded())
                  .forEach(s -> out.addAll(s.states().values()));
              return out;
            });
  }

  /** Arms the periodic ownership check: partitions no longer owned are unloaded every interval. */
  public void start(Duration ownershipCheckInterval) {
    if (closed) {
      return;
    }
    ownershipTick =
        scheduler.schedule(
            ownershipCheckInterval,
            () -> {
              // A failing check must not stop the periodic check for good.
              try {
                checkOwnership();
              } catch (RuntimeException e) {
                LOG.warn("transaction ownership check failed error={}", e.toString());
              } finally {
                start(ownershipCheckInterval);
              }
            });
  }

  /** Stops the periodic ownership check. */
  public void close() {
    closed = true;
    Scheduler.Cancellable tick = ownershipTick;
    if (tick != null) {
      tick.cancel();
    }
  }

  /** How many partitions are loaded (tests). */
  int loadedPartitions() {
    return slots.size();
  }

  /** Unloads every partition no longer owned here at the epoch it was loaded at. */
  public void checkOwnership() {
    slots.forEach(
        (p, slot) -> {
          if (!partitions.fence(p).equals(Optional.of(slot.fence))) {
            unload(slot);
          }
        });
  }

  private Optional<TxnSlot> slotFor(String transactionalId) {
    return slotForPartition(partitionFor(transactionalId));
  }

  private Optional<TxnSlot> slotForPartition(int p) {
    Optional<CoordinatorFence> fence = partitions.fence(p);
    if (fence.isEmpty()) {
      TxnSlot old = slots.get(p);
      if (old != null) {
        unload(old);
      }
      return Optional.empty();
    }
    TxnSlot[] created = new TxnSlot[1];
    TxnSlot slot =
        slots.compute(
            p,
            (k, existing) -> {
              if (existing != null
                  && existing.fence.equals(fence.get())
                  && !existing.isUnloaded()) {
                return existing;
              }
              if (existing != null) {
                existing.unload();
              }
              created[0] = new TxnSlot(fence.get());
              return created[0];
            });
    if (created[0] != null) {
      load(p, created[0]);
    }
    return Optional.of(slot);
  }

  private void load(int partition, TxnSlot slot) {
    registry
        .listAll()
        .whenComplete(
            (records, e) -> {
              if (e != null) {
                LOG.warn(
                    "loading transactions failed partition={} error={}", partition, e.toString());
                slots.remove(partition, slot);
                slot.unload();
                slot.loaded.completeExceptionally(e);
                return;
              }
              List<TxnMetadata> mine =
                  records.stream()
                      .filter(r -> partitionFor(r.transactionalId()) == partition)
                      .map(TxnMetadata::fromRecord)
                      .toList();
              TxnRecovery.Plan plan = TxnRecovery.recover(mine, slot.epoch());
              plan.states().values().forEach(slot::put);
              slot.loaded.complete(null);
              plan.effects().forEach(effect -> perform(slot, effect));
            });
  }

  /** Applies one event to its id and performs the result; the reply if it was a request. */
  private CompletableFuture<Optional<TxnReply>> run(TxnSlot slot, TxnEvent event) {
    if (slot.isUnloaded() || slot.loaded.isCompletedExceptionally()) {
      return CompletableFuture.completedFuture(errorOf(event, Errors.NOT_COORDINATOR));
    }
    String id = event.transactionalId();
    TxnResult result = machine.apply(slot.state(id), event, slot.epoch());
    if (!result.effects().isEmpty()
        && result.effects().get(0) instanceof TxnEffect.AllocateProducerId
        && event instanceof TxnEvent.InitProducerId init) {
      return producerIds
          .nextProducerId()
          .thenCompose(pid -> run(slot, init.withAllocatedProducerId(pid)));
    }
    CompletableFuture<Void> persisted =
        result
            .persist()
            .map(s -> registry.save(slot.fence, s.toRecord()))
            .orElse(CompletableFuture.completedFuture(null));
    return persisted.handle(
        (v, e) -> {
          if (e != null) {
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            boolean fenced = cause instanceof FencedEpochException;
            LOG.warn(
                "persisting transaction failed transactionalId={} error={}", id, cause.toString());
            if (fenced) {
              unload(slot);
            }
            return errorOf(
                event, fenced ? Errors.NOT_COORDINATOR : Errors.COORDINATOR_NOT_AVAILABLE);
          }
          if (slot.isUnloaded()) {
            return errorOf(event, Errors.NOT_COORDINATOR);
          }
          result.state().ifPresent(slot::put);
          result.effects().forEach(effect -> perform(slot, effect));
          return result.reply();
        });
  }

  private void perform(TxnSlot slot, TxnEffect effect) {
    switch (effect) {
      case TxnEffect.WriteMarkers m -> writeMarkers(slot, m);
      case TxnEffect.ScheduleTimeout t -> {
        long delay = Math.max(0, t.deadlineMs() - clock.millis());
        scheduler.schedule(
            Duration.ofMillis(delay),
            () ->
                submitInternal(
                    slot, new TxnEvent.CheckTimeout(t.transactionalId(), clock.millis())));
      }
      case TxnEffect.Persist p -> {
        // Done before the other effects.
      }
      case TxnEffect.Reply r -> {
        // Returned to the caller.
      }
      case TxnEffect.AllocateProducerId a -> {
        // Handled before persisting.
      }
    }
  }

  private void writeMarkers(TxnSlot slot, TxnEffect.WriteMarkers m) {
    if (slot.isUnloaded()) {
      return;
    }
    CompletableFuture<Void> written;
    try {
      written =
          markers.writeMarkers(
              m.producerId(), m.producerEpoch(), m.commit(), m.coordinatorEpoch(), m.partitions());
    } catch (RuntimeException e) {
      written = CompletableFuture.failedFuture(e);
    }
    written.whenComplete(
        (v, e) -> {
          if (e == null) {
            submitInternal(
                slot,
                new TxnEvent.MarkersWritten(
                    m.transactionalId(),
                    m.producerId(),
                    m.producerEpoch(),
                    m.commit(),
                    clock.millis()));
          } else if (!slot.isUnloaded()) {
            LOG.warn(
                "writing transaction markers failed transactionalId={} error={}",
                m.transactionalId(),
                e.toString());
            scheduler.schedule(markerRetryBackoff, () -> writeMarkers(slot, m));
          }
        });
  }

  private void submitInternal(TxnSlot slot, TxnEvent event) {
    if (!slot.isUnloaded()) {
      slot.submit(event.transactionalId(), () -> run(slot, event));
    }
  }

  private void unload(TxnSlot slot) {
    slot.unload();
    slots.remove(slot.fence.partition(), slot);
  }

  private static Optional<TxnReply> errorOf(TxnEvent event, Errors error) {
    return event instanceof TxnEvent.Request request
        ? Optional.of(errorReply(request, error))
        : Optional.empty();
  }

  private static TxnReply errorReply(TxnEvent.Request request, Errors error) {
    return switch (request) {
      case TxnEvent.InitProducerId i -> TxnReply.InitProducerId.failed(error);
      case TxnEvent.AddPartitions a -> TxnReply.AddPartitions.all(a.partitions(), error);
      case TxnEvent.AddOffsets o -> new TxnReply.Status(error);
      case TxnEvent.EndTxn e -> new TxnReply.Status(error);
    };
  }
}
