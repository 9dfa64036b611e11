/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.broker.txn.TxnOffsetMarkers;
import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.PendingTxnOffsets;
import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.registry.GroupRegistry;
import io.kafscale.metadata.registry.TxnOffsetRegistry;
import io.kafscale.metadata.registry.TxnOffsetRegistry.PendingKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group coordinator's transactional offsets: TxnOffsetCommit stores a producer's offsets as
 * pending for the group (durably, in the {@link TxnOffsetRegistry}, so a successor coordinator
 * loads them), and a transaction marker on the group's coordinator partition either makes them the
 * group's committed offsets (commit) or drops them (abort), as Kafka's group coordinator does on a
 * control record. Every step runs on the group's queue of {@link GroupSlots} under the fence the
 * group was loaded with; any failed write unloads the group so the next request reloads the store's
 * truth. Implements the {@link TxnOffsetMarkers} port, whose contract asks for Kafka exceptions:
 * this is the one class of the package that names Kafka errors. Thread-safe.
 */
public final class TxnOffsetCoordinator implements TxnOffsetMarkers {
  private static final Logger LOG = LoggerFactory.getLogger(TxnOffsetCoordinator.class);

  private final GroupSlots slots;
  private final GroupRegistry groups;
  private final TxnOffsetRegistry pending;

  TxnOffsetCoordinator(GroupSlots slots, GroupRegistry groups, TxnOffsetRegistry pending) {
    this.slots = slots;
    this.groups = groups;
    this.pending = pending;
  }

  /**
   * TxnOffsetCommit: validates the sender as Kafka does for transactional commits and adds {@code
   * offsets} to producer {@code producerId}'s pending offsets of the group; completes with NONE
   * once they are durable, or fails with {@link NotCoordinatorException} (or a fenced / store
   * failure) when this broker cannot write for the group.
   */
  public CompletableFuture<ErrorKind> commit(
      String groupId,
      long producerId,
      short producerEpoch,
      String memberId,
      Optional<String> groupInstanceId,
      int generation,
      Map<PartitionRef, CommittedOffsetRecord> offsets) {
    return slots.inGroup(
        groupId,
        slot ->
            loaded(slot)
                .thenCompose(
                    byProducer -> {
                      ErrorKind error = validate(slot.group, memberId, groupInstanceId, generation);
                      if (error != ErrorKind.NONE || offsets.isEmpty()) {
                        return CompletableFuture.completedFuture(error);
                      }
                      Map<PartitionRef, CommittedOffsetRecord> merged = new HashMap<>();
                      PendingTxnOffsets before = byProducer.get(producerId);
                      if (before != null) {
                        merged.putAll(before.offsets());
                      }
                      merged.putAll(offsets);
                      PendingTxnOffsets next =
                          new PendingTxnOffsets(producerId, producerEpoch, merged);
                      return guarded(slot, () -> pending.save(slot.fence, groupId, next))
                          .thenApply(
                              v -> {
                                byProducer.put(producerId, next);
                                return ErrorKind.NONE;
                              });
                    }));
  }

  /**
   * Kafka's ClassicGroup.validateOffsetCommit for a transactional commit: like a plain commit, but
   * a commit without member and generation is accepted in any state and a rebalance in progress
   * does not refuse it.
   */
  static ErrorKind validate(
      Group group, String memberId, Optional<String> groupInstanceId, int generation) {
    if (group.state() == GroupState.DEAD) {
      return ErrorKind.COORDINATOR_NOT_AVAILABLE;
    }
    if (generation < 0 && memberId.isEmpty() && groupInstanceId.isEmpty()) {
      return ErrorKind.NONE;
    }
    ErrorKind error = OffsetRules.validateCommit(group, memberId, groupInstanceId, generation);
    return error == ErrorKind.REBALANCE_IN_PROGRESS ? ErrorKind.NONE : error;
  }

  /** Partitions of the group with pending transactional offsets of any producer. */
  CompletableFuture<Set<PartitionRef>> unstable(String groupId) {
    return slots.inGroup(
        groupId,
        slot ->
            loaded(slot)
                .thenApply(
                    byProducer -> {
                      Set<PartitionRef> out = new TreeSet<>();
                      byProducer.values().forEach(p -> out.addAll(p.offsets().keySet()));
                      return Set.copyOf(out);
                    }));
  }

  @Override
  public CompletableFuture<Void> complete(
      int offsetsPartition, long producerId, short producerEpoch, boolean commit) {
    Optional<CoordinatorFence> fence = slots.fence(offsetsPartition);
    if (fence.isEmpty()) {
      return CompletableFuture.failedFuture(
          Errors.NOT_COORDINATOR.exception(
              "coordinator partition " + offsetsPartition + " is not owned here"));
    }
    CompletableFuture<List<PendingKey>> listed;
    try {
      listed = pending.listPending();
    } catch (RuntimeException e) {
      listed = CompletableFuture.failedFuture(e);
    }
    return listed
        .thenCompose(
            keys -> {
              // Stored pending values are the truth: one is acknowledged only once durable.
              Set<String> groupIds = new TreeSet<>();
              for (PendingKey key : keys) {
                if (key.producerId() == producerId
                    && slots.partitionFor(key.groupId()) == offsetsPartition) {
                  groupIds.add(key.groupId());
                }
              }
              List<CompletableFuture<Void>> all = new ArrayList<>();
              for (String groupId : groupIds) {
                all.add(
                    slots.inGroup(
                        groupId, slot -> finish(slot, producerId, producerEpoch, commit)));
              }
              return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
            })
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(kafkaError(e)));
  }

  private CompletableFuture<Void> finish(
      GroupSlot slot, long producerId, short markerEpoch, boolean commit) {
    return loaded(slot)
        .thenCompose(
            byProducer -> {
              PendingTxnOffsets p = byProducer.get(producerId);
              if (p == null) {
                return CompletableFuture.completedFuture(null);
              }
              if (isStale(markerEpoch, p)) {
                // As Kafka, whose log refuses a marker older than the producer's epoch: the
                // pending offsets belong to a later transaction and stay pending.
                LOG.info(
                    "stale transaction marker ignored groupId={} producerId={} markerEpoch={}"
                        + " pendingEpoch={}",
                    slot.groupId,
                    producerId,
                    markerEpoch,
                    p.producerEpoch());
                return CompletableFuture.completedFuture(null);
              }
              CompletableFuture<Void> applied =
                  commit ? applyCommit(slot, p) : CompletableFuture.completedFuture(null);
              return applied
                  .thenCompose(
                      v ->
                          guarded(slot, () -> pending.delete(slot.fence, slot.groupId, producerId)))
                  .thenRun(
                      () -> {
                        byProducer.remove(producerId);
                        LOG.debug(
                            "transactional offsets completed groupId={} producerId={} commit={}",
                            slot.groupId,
                            producerId,
                            commit);
                      });
            });
  }

  /**
   * A marker older than the epoch the pending offsets were committed at belongs to an earlier
   * transaction of the producer.
   */
  static boolean isStale(short markerEpoch, PendingTxnOffsets pending) {
    return markerEpoch < pending.producerEpoch();
  }

  /**
   * The group was deleted: drops every producer's pending transactional offsets of it, as Kafka
   * removes them with the group's offsets. Runs on the group's queue, under its fence.
   */
  CompletableFuture<Void> dropGroup(GroupSlot slot) {
    return loaded(slot)
        .thenCompose(
            byProducer -> {
              List<CompletableFuture<Void>> deletes = new ArrayList<>();
              for (Long producerId : List.copyOf(byProducer.keySet())) {
                deletes.add(pending.delete(slot.fence, slot.groupId, producerId));
              }
              return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new))
                  .thenRun(byProducer::clear);
            });
  }

  /** Writes the pending offsets as committed offsets, the same fenced write OffsetCommit makes. */
  private CompletableFuture<Void> applyCommit(GroupSlot slot, PendingTxnOffsets p) {
    slot.offsets.putAll(p.offsets());
    slot.exists = true;
    Set<String> topics = new TreeSet<>();
    p.offsets().keySet().forEach(ref -> topics.add(ref.topic()));
    // On failure the slot is unloaded, so the cache change above is never served.
    return guarded(
        slot, () -> groups.writeOffsets(slot.fence, slot.groupId, slot.offsetsOf(topics)));
  }

  /** The slot's pending offsets, loaded from the store on first use of this slot. */
  private CompletableFuture<Map<Long, PendingTxnOffsets>> loaded(GroupSlot slot) {
    if (slot.pending != null) {
      return CompletableFuture.completedFuture(slot.pending);
    }
    CompletableFuture<Map<Long, PendingTxnOffsets>> load;
    try {
      load = pending.load(slot.groupId);
    } catch (RuntimeException e) {
      load = CompletableFuture.failedFuture(e);
    }
    return load.thenApply(
        stored -> {
          slot.pending = new HashMap<>(stored);
          return slot.pending;
        });
  }

  /** Runs a store write; a failure unloads the group (its cache may now differ from the store). */
  private CompletableFuture<Void> guarded(GroupSlot slot, Supplier<CompletableFuture<Void>> write) {
    CompletableFuture<Void> f;
    try {
      f = write.get();
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    return f.whenComplete(
        (v, e) -> {
          if (e != null) {
            LOG.warn(
                "transactional offsets write failed groupId={} error={}",
                slot.groupId,
                e.toString());
            slots.unload(slot);
          }
        });
  }

  /** NOT_COORDINATOR when the partition moved, else COORDINATOR_NOT_AVAILABLE (retriable). */
  private static Throwable kafkaError(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof org.apache.kafka.common.errors.ApiException) {
      return cause;
    }
    if (cause instanceof NotCoordinatorException || cause instanceof FencedEpochException) {
      return Errors.NOT_COORDINATOR.exception(cause.getMessage());
    }
    return Errors.COORDINATOR_NOT_AVAILABLE.exception(cause.toString());
  }
}
