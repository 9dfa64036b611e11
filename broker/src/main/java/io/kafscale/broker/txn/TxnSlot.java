/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import io.kafscale.metadata.model.CoordinatorFence;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The transactional ids of one owned {@code __transaction_state} partition, loaded under one fence:
 * their states, and one serial chain per id so an id's events run one at a time. Once {@link
 * #unload}ed (the partition moved or was claimed again) nothing it holds may be used. Thread-safe.
 */
final class TxnSlot {
  final CoordinatorFence fence;
  final CompletableFuture<Void> loaded = new CompletableFuture<>();
  private final Map<String, TxnMetadata> states = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<?>> tails = new HashMap<>();
  private volatile boolean unloaded;

  TxnSlot(CoordinatorFence fence) {
    this.fence = fence;
  }

  int epoch() {
    return fence.epoch();
  }

  Optional<TxnMetadata> state(String transactionalId) {
    return Optional.ofNullable(states.get(transactionalId));
  }

  void put(TxnMetadata state) {
    states.put(state.transactionalId(), state);
  }

  Map<String, TxnMetadata> states() {
    return Map.copyOf(states);
  }

  boolean isUnloaded() {
    return unloaded;
  }

  void unload() {
    unloaded = true;
    states.clear();
  }

  /**
   * Runs {@code task} after every task submitted earlier for the same id has finished (the first
   * one after loading). The chain is extended under a lock but run outside it, so a task that
   * completes synchronously may submit the next one.
   */
  <T> CompletableFuture<T> submit(String transactionalId, Supplier<CompletableFuture<T>> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    CompletableFuture<?> before;
    synchronized (tails) {
      before = tails.getOrDefault(transactionalId, loaded);
      tails.put(transactionalId, done);
    }
    before
        .handle((v, e) -> null)
        .thenCompose(
            ignored -> {
              try {
                return task.get();
              } catch (RuntimeException e) {
                return CompletableFuture.<T>failedFuture(e);
              }
            })
        .whenComplete(
            (v, e) -> {
              synchronized (tails) {
                tails.remove(transactionalId, done);
              }
              done.complete(null);
              if (e != null) {
                result.completeExceptionally(e);
              } else {
                result.complete(v);
              }
            });
    return result;
  }
}
