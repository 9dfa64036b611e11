/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.GroupRecord;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.StoredGroup;
import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.registry.GroupRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link GroupRegistry} in memory for coordinator tests: checks each write's fence against the
 * fences the test declares current, counts writes, and can hold writes back until released.
 * Thread-safe (synchronized).
 */
final class InMemoryGroupRegistry implements GroupRegistry {
  final Map<String, GroupRecord> groups = new HashMap<>();
  final Map<String, Map<PartitionRef, CommittedOffsetRecord>> offsets = new HashMap<>();
  final Map<Integer, CoordinatorFence> currentFences = new HashMap<>();
  final List<GroupRecord> saves = new ArrayList<>();
  int offsetWrites;
  private final List<Runnable> held = new ArrayList<>();
  private boolean holding;
  private final List<Runnable> heldLoads = new ArrayList<>();
  private boolean holdingLoads;
  private RuntimeException nextWriteFailure;
  private RuntimeException nextListFailure;

  /** Holds loads back (they answer what is stored when released) until {@link #releaseLoads}. */
  synchronized void holdLoads() {
    holdingLoads = true;
  }

  /** Completes the loads held so far and stops holding. */
  void releaseLoads() {
    List<Runnable> run;
    synchronized (this) {
      holdingLoads = false;
      run = List.copyOf(heldLoads);
      heldLoads.clear();
    }
    run.forEach(Runnable::run);
  }

  /** The next write fails with {@code failure} and stores nothing. */
  synchronized void failNextWrite(RuntimeException failure) {
    nextWriteFailure = failure;
  }

  /** The next {@link #listGroupIds} throws {@code failure}. */
  synchronized void failNextList(RuntimeException failure) {
    nextListFailure = failure;
  }

  synchronized void hold() {
    holding = true;
  }

  /** Completes the writes held so far and stops holding. */
  void release() {
    List<Runnable> run;
    synchronized (this) {
      holding = false;
      run = List.copyOf(held);
      held.clear();
    }
    run.forEach(Runnable::run);
  }

  @Override
  public synchronized CompletableFuture<StoredGroup> load(String groupId) {
    if (holdingLoads) {
      CompletableFuture<StoredGroup> later = new CompletableFuture<>();
      heldLoads.add(() -> later.complete(stored(groupId)));
      return later;
    }
    return CompletableFuture.completedFuture(stored(groupId));
  }

  private synchronized StoredGroup stored(String groupId) {
    return new StoredGroup(
        Optional.ofNullable(groups.get(groupId)),
        Map.copyOf(offsets.getOrDefault(groupId, Map.of())));
  }

  @Override
  public synchronized CompletableFuture<List<String>> listGroupIds() {
    RuntimeException failure = nextListFailure;
    if (failure != null) {
      nextListFailure = null;
      throw failure;
    }
    TreeSet<String> ids = new TreeSet<>(groups.keySet());
    offsets.forEach(
        (g, o) -> {
          if (!o.isEmpty()) {
            ids.add(g);
          }
        });
    return CompletableFuture.completedFuture(List.copyOf(ids));
  }

  @Override
  public CompletableFuture<Void> saveGroup(CoordinatorFence fence, GroupRecord group) {
    return write(
        fence,
        () -> {
          groups.put(group.groupId(), group);
          saves.add(group);
        });
  }

  @Override
  public CompletableFuture<Void> writeOffsets(
      CoordinatorFence fence,
      String groupId,
      Map<String, Map<Integer, CommittedOffsetRecord>> offsetsByTopic) {
    return write(
        fence,
        () -> {
          offsetWrites++;
          Map<PartitionRef, CommittedOffsetRecord> stored =
              offsets.computeIfAbsent(groupId, g -> new TreeMap<>());
          offsetsByTopic.forEach(
              (topic, byPartition) -> {
                stored.keySet().removeIf(p -> p.topic().equals(topic));
                byPartition.forEach((p, o) -> stored.put(new PartitionRef(topic, p), o));
              });
        });
  }

  @Override
  public CompletableFuture<Void> deleteGroup(CoordinatorFence fence, String groupId) {
    return write(
        fence,
        () -> {
          groups.remove(groupId);
          offsets.remove(groupId);
        });
  }

  private CompletableFuture<Void> write(CoordinatorFence fence, Runnable change) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Runnable attempt =
        () -> {
          synchronized (this) {
            if (nextWriteFailure != null) {
              done.completeExceptionally(nextWriteFailure);
              nextWriteFailure = null;
              return;
            }
            if (!fence.equals(currentFences.get(fence.partition()))) {
              done.completeExceptionally(new FencedEpochException("fenced " + fence));
              return;
            }
            change.run();
          }
          done.complete(null);
        };
    synchronized (this) {
      if (holding) {
        held.add(attempt);
        return done;
      }
    }
    attempt.run();
    return done;
  }
}
