/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.StoredGroup;
import io.kafscale.metadata.registry.GroupRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The groups loaded on this coordinator, each under the fence of its coordinator partition at load
 * time: finds (or lazily loads from the {@link GroupRegistry}) a group's {@link GroupSlot} while
 * the partition is owned here at that fence, and unloads groups whose partition moved or changed
 * epoch (their held requests fail with {@link NotCoordinatorException}). Thread-safe.
 */
final class GroupSlots {
  private static final Logger LOG = LoggerFactory.getLogger(GroupSlots.class);

  private final GroupRegistry registry;
  private final CoordinatorPartitions partitions;
  private final GroupSettings settings;
  private final Clock clock;
  private final int brokerId;
  private final BiConsumer<GroupSlot, List<TimerOp>> armTimers;
  private final Map<String, GroupSlot> slots;
  private volatile boolean closed;

  /**
   * @param armTimers arms the session timers of members restored from the store
   */
  GroupSlots(
      GroupRegistry registry,
      CoordinatorPartitions partitions,
      GroupSettings settings,
      Clock clock,
      int brokerId,
      BiConsumer<GroupSlot, List<TimerOp>> armTimers) {
    this(registry, partitions, settings, clock, brokerId, armTimers, new ConcurrentHashMap<>());
  }

  /** With the map the slots are published in (tests interleave requests with publication). */
  GroupSlots(
      GroupRegistry registry,
      CoordinatorPartitions partitions,
      GroupSettings settings,
      Clock clock,
      int brokerId,
      BiConsumer<GroupSlot, List<TimerOp>> armTimers,
      Map<String, GroupSlot> slots) {
    this.slots = slots;
    this.registry = registry;
    this.partitions = partitions;
    this.settings = settings;
    this.clock = clock;
    this.brokerId = brokerId;
    this.armTimers = armTimers;
  }

  int partitionFor(String groupId) {
    return CoordinatorPartitions.partitionFor(groupId, partitions.count());
  }

  /** The fence of coordinator partition {@code partition} when this broker owns it now. */
  Optional<CoordinatorFence> fence(int partition) {
    return closed ? Optional.empty() : partitions.fence(partition);
  }

  boolean isCoordinator(String groupId) {
    return !closed && partitions.fence(partitionFor(groupId)).isPresent();
  }

  /** Ids of the loaded groups. */
  Set<String> loadedIds() {
    return Set.copyOf(slots.keySet());
  }

  int size() {
    return slots.size();
  }

  /** Unloads every group (shutdown). */
  void close() {
    closed = true;
    List.copyOf(slots.values()).forEach(this::unload);
  }

  <T> CompletableFuture<T> inGroup(String groupId, Function<GroupSlot, CompletableFuture<T>> task) {
    GroupSlot slot;
    try {
      slot = slot(groupId);
    } catch (NotCoordinatorException e) {
      return CompletableFuture.failedFuture(e);
    }
    return slot.queue.submit(
        () ->
            slot.unloaded
                ? CompletableFuture.failedFuture(new NotCoordinatorException(groupId))
                : task.apply(slot));
  }

  /** The loaded group under the current fence, loading it (as the queue's first task) if needed. */
  GroupSlot slot(String groupId) {
    int partition = partitionFor(groupId);
    Optional<CoordinatorFence> fence = closed ? Optional.empty() : partitions.fence(partition);
    while (true) {
      GroupSlot existing = slots.get(groupId);
      if (fence.isEmpty()) {
        if (existing != null) {
          unload(existing);
        }
        throw new NotCoordinatorException(groupId);
      }
      if (existing != null && !existing.unloaded && existing.fence.equals(fence.get())) {
        return existing;
      }
      if (existing != null) {
        unload(existing);
      }
      GroupSlot fresh =
          new GroupSlot(groupId, fence.get(), new GroupStateMachine(settings, seed(fence.get())));
      // The load is the queue's first task before any other thread can see the slot, so no
      // request ever runs against the empty group and offsets of a slot still loading.
      CompletableFuture<Void> loaded = new CompletableFuture<>();
      fresh.queue.submit(() -> loaded);
      if (slots.putIfAbsent(groupId, fresh) == null) {
        load(fresh).whenComplete((v, e) -> loaded.complete(null));
        return fresh;
      }
      // Lost the race: the fresh slot was never visible, nothing waits on it.
      fresh.unloaded = true;
      loaded.complete(null);
    }
  }

  /** Member ids must never repeat: broker, epoch and a random part per load. */
  private String seed(CoordinatorFence fence) {
    return brokerId + "." + fence.epoch() + "." + UUID.randomUUID().toString().substring(0, 8);
  }

  private CompletableFuture<Void> load(GroupSlot slot) {
    CompletableFuture<StoredGroup> loading;
    try {
      loading = registry.load(slot.groupId);
    } catch (RuntimeException e) {
      loading = CompletableFuture.failedFuture(e);
    }
    return loading
        .thenAccept(stored -> restore(slot, stored))
        .exceptionally(
            e -> {
              LOG.warn("group load failed groupId={} error={}", slot.groupId, e.toString());
              unload(slot);
              return null;
            });
  }

  private void restore(GroupSlot slot, StoredGroup stored) {
    long now = clock.millis();
    slot.offsets.putAll(stored.offsets());
    stored
        .group()
        .ifPresent(
            record -> {
              slot.group = GroupRecords.fromRecord(record, now);
              if (slot.group.isEmpty()) {
                slot.emptySinceMs = record.writtenAtMs();
              }
              // Restored members' sessions restart now: arm their session timers.
              armTimers.accept(
                  slot, GroupStateMachine.timers(Group.empty(slot.groupId), slot.group));
            });
    slot.exists = stored.group().isPresent() || !stored.offsets().isEmpty();
    LOG.debug(
        "group loaded groupId={} generation={} offsets={}",
        slot.groupId,
        slot.group.generation(),
        slot.offsets.size());
  }

  /** Unloads the groups of every partition no longer owned here at the epoch they were loaded. */
  void checkOwnership() {
    Map<Integer, Optional<CoordinatorFence>> current = new HashMap<>();
    for (GroupSlot slot : List.copyOf(slots.values())) {
      Optional<CoordinatorFence> fence =
          current.computeIfAbsent(slot.fence.partition(), partitions::fence);
      if (!fence.equals(Optional.of(slot.fence))) {
        unload(slot);
      }
    }
  }

  void unload(GroupSlot slot) {
    slots.remove(slot.groupId, slot);
    slot.unload();
  }
}
