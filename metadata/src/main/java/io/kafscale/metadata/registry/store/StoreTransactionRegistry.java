/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.codec.TransactionCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.TransactionRecord;
import io.kafscale.metadata.registry.TransactionRegistry;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Op;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@link TransactionRegistry} over a {@link MetadataStore}: one key per transactional id at {@link
 * KeyLayout#transaction}. Every write is a transaction whose single compare is that the coordinator
 * partition's owner key still holds the value the fence's session wrote when it claimed the
 * partition at the fence's epoch (as {@link StoreGroupRegistry} does), so a deposed coordinator
 * writes nothing. Thread-safe and stateless.
 */
public final class StoreTransactionRegistry implements TransactionRegistry {
  private final MetadataStore store;
  private final KeyLayout keys;

  public StoreTransactionRegistry(MetadataStore store, KeyLayout keys) {
    this.store = store;
    this.keys = keys;
  }

  @Override
  public CompletableFuture<Optional<TransactionRecord>> load(String transactionalId) {
    String key;
    try {
      key = keys.transaction(transactionalId);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return store.get(key).thenApply(kv -> kv.map(v -> TransactionCodec.decode(v.value())));
  }

  @Override
  public CompletableFuture<List<TransactionRecord>> listAll() {
    // Keys are escaped ASCII, so the store's byte order is the ids' order only for plain ids:
    // sort by the decoded id instead.
    return store
        .getPrefix(keys.transactionsPrefix())
        .thenApply(
            kvs ->
                kvs.stream()
                    .map(kv -> TransactionCodec.decode(kv.value()))
                    .sorted((a, b) -> a.transactionalId().compareTo(b.transactionalId()))
                    .toList());
  }

  @Override
  public CompletableFuture<Void> save(CoordinatorFence fence, TransactionRecord txn) {
    Op op;
    try {
      op = Op.put(keys.transaction(txn.transactionalId()), TransactionCodec.encode(txn));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return fenced(fence, op, "save transaction " + txn.transactionalId());
  }

  @Override
  public CompletableFuture<Void> delete(CoordinatorFence fence, String transactionalId) {
    Op op;
    try {
      op = Op.delete(keys.transaction(transactionalId));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return fenced(fence, op, "delete transaction " + transactionalId);
  }

  private CompletableFuture<Void> fenced(CoordinatorFence fence, Op op, String what) {
    return CoordinatorWrites.fenced(store, keys, fence, List.of(op), what);
  }
}
