/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.broker.partition.Scheduler;
import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.PendingTxnOffsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One loaded group on this coordinator: its snapshot and committed offsets as of the fence it was
 * loaded under, the requests it holds, its armed timers, and the queue its events run through.
 * {@link #group}, {@link #offsets} and {@link #emptySinceMs} are touched only by tasks of {@link
 * #queue}; the request and timer maps are concurrent because unloading clears them from any thread.
 */
final class GroupSlot {
  final String groupId;
  final CoordinatorFence fence;
  final GroupStateMachine machine;
  final SerialQueue queue = new SerialQueue();
  final Map<Long, CompletableFuture<GroupResponse>> waiting = new ConcurrentHashMap<>();
  final Map<TimerKey, Scheduler.Cancellable> timers = new ConcurrentHashMap<>();
  volatile boolean unloaded;

  Group group;
  final TreeMap<PartitionRef, CommittedOffsetRecord> offsets = new TreeMap<>();

  /** When the group last became Empty; -1 when unknown (never had members). */
  long emptySinceMs = -1;

  /**
   * Pending transactional offsets by producer id, as stored; null until {@link
   * TxnOffsetCoordinator} first loads them for this slot (only tasks of {@link #queue} touch it).
   */
  Map<Long, PendingTxnOffsets> pending;

  /** Whether the store holds a record or offsets, or a request created it here. */
  boolean exists;

  GroupSlot(String groupId, CoordinatorFence fence, GroupStateMachine machine) {
    this.groupId = groupId;
    this.fence = fence;
    this.machine = machine;
    this.group = Group.empty(groupId);
  }

  /** Fails every held request with NOT_COORDINATOR and disarms the timers. */
  void unload() {
    unloaded = true;
    timers.values().forEach(Scheduler.Cancellable::cancel);
    timers.clear();
    for (Long id : List.copyOf(waiting.keySet())) {
      CompletableFuture<GroupResponse> f = waiting.remove(id);
      if (f != null) {
        f.completeExceptionally(new NotCoordinatorException(groupId));
      }
    }
  }

  /** The stored form of the offsets of {@code topics}: every partition's, from the cache. */
  Map<String, Map<Integer, CommittedOffsetRecord>> offsetsOf(Iterable<String> topics) {
    Map<String, Map<Integer, CommittedOffsetRecord>> byTopic = new TreeMap<>();
    for (String t : topics) {
      byTopic.put(t, new TreeMap<>());
    }
    offsets.forEach(
        (p, o) -> {
          Map<Integer, CommittedOffsetRecord> m = byTopic.get(p.topic());
          if (m != null) {
            m.put(p.partition(), o);
          }
        });
    return byTopic;
  }
}
