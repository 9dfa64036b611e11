/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.PendingTxnOffsets;
import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.registry.TxnOffsetRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link TxnOffsetRegistry} in memory for coordinator tests: fences each write against the fences
 * the {@link InMemoryGroupRegistry} holds as current (the same store in production).
 */
final class InMemoryTxnOffsetRegistry implements TxnOffsetRegistry {
  private final InMemoryGroupRegistry fences;
  final Map<String, Map<Long, PendingTxnOffsets>> stored = new TreeMap<>();
  private RuntimeException nextWriteFailure;

  InMemoryTxnOffsetRegistry(InMemoryGroupRegistry fences) {
    this.fences = fences;
  }

  /** The next write fails with {@code failure} and stores nothing. */
  synchronized void failNextWrite(RuntimeException failure) {
    nextWriteFailure = failure;
  }

  @Override
  public synchronized CompletableFuture<Map<Long, PendingTxnOffsets>> load(String groupId) {
    return CompletableFuture.completedFuture(Map.copyOf(stored.getOrDefault(groupId, Map.of())));
  }

  @Override
  public synchronized CompletableFuture<List<PendingKey>> listPending() {
    List<PendingKey> out = new ArrayList<>();
    stored.forEach((g, ps) -> ps.keySet().forEach(p -> out.add(new PendingKey(g, p))));
    return CompletableFuture.completedFuture(out);
  }

  @Override
  public CompletableFuture<Void> save(
      CoordinatorFence fence, String groupId, PendingTxnOffsets pending) {
    return write(
        fence,
        () ->
            stored
                .computeIfAbsent(groupId, g -> new TreeMap<>())
                .put(pending.producerId(), pending));
  }

  @Override
  public CompletableFuture<Void> delete(CoordinatorFence fence, String groupId, long producerId) {
    return write(
        fence,
        () -> {
          Map<Long, PendingTxnOffsets> ps = stored.get(groupId);
          if (ps != null) {
            ps.remove(producerId);
            if (ps.isEmpty()) {
              stored.remove(groupId);
            }
          }
        });
  }

  private synchronized CompletableFuture<Void> write(CoordinatorFence fence, Runnable change) {
    if (nextWriteFailure != null) {
      RuntimeException failure = nextWriteFailure;
      nextWriteFailure = null;
      return CompletableFuture.failedFuture(failure);
    }
    synchronized (fences) {
      if (!fence.equals(fences.currentFences.get(fence.partition()))) {
        return CompletableFuture.failedFuture(new FencedEpochException("fenced " + fence));
      }
    }
    change.run();
    return CompletableFuture.completedFuture(null);
  }
}
