/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.codec.TxnOffsetsCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.PendingTxnOffsets;
import io.kafscale.metadata.registry.TxnOffsetRegistry;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * {@link TxnOffsetRegistry} over a {@link MetadataStore}: one key per group and producer at {@link
 * KeyLayout#txnOffsets}. Every write is a transaction whose single compare is the coordinator
 * partition's owner key, exactly as {@link StoreGroupRegistry} fences its writes. Thread-safe and
 * stateless.
 */
public final class StoreTxnOffsetRegistry implements TxnOffsetRegistry {
  private final MetadataStore store;
  private final KeyLayout keys;

  public StoreTxnOffsetRegistry(MetadataStore store, KeyLayout keys) {
    this.store = store;
    this.keys = keys;
  }

  @Override
  public CompletableFuture<Map<Long, PendingTxnOffsets>> load(String groupId) {
    String prefix;
    try {
      prefix = keys.txnOffsetsPrefix(groupId);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return store
        .getPrefix(prefix)
        .thenApply(
            kvs -> {
              Map<Long, PendingTxnOffsets> out = new TreeMap<>();
              for (KeyValue kv : kvs) {
                out.put(
                    keys.producerIdOfTxnOffsetsKey(kv.key()), TxnOffsetsCodec.decode(kv.value()));
              }
              return out;
            });
  }

  @Override
  public CompletableFuture<List<PendingKey>> listPending() {
    return store
        .getPrefix(keys.txnOffsetsPrefix())
        .thenApply(
            kvs -> {
              List<PendingKey> out = new ArrayList<>(kvs.size());
              for (KeyValue kv : kvs) {
                out.add(
                    new PendingKey(
                        keys.groupIdOfTxnOffsetsKey(kv.key()),
                        keys.producerIdOfTxnOffsetsKey(kv.key())));
              }
              return out;
            });
  }

  @Override
  public CompletableFuture<Void> save(
      CoordinatorFence fence, String groupId, PendingTxnOffsets pending) {
    Op op;
    try {
      op = Op.put(keys.txnOffsets(groupId, pending.producerId()), TxnOffsetsCodec.encode(pending));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return fenced(fence, op, "save pending txn offsets of group " + groupId);
  }

  @Override
  public CompletableFuture<Void> delete(CoordinatorFence fence, String groupId, long producerId) {
    Op op;
    try {
      op = Op.delete(keys.txnOffsets(groupId, producerId));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return fenced(fence, op, "delete pending txn offsets of group " + groupId);
  }

  private CompletableFuture<Void> fenced(CoordinatorFence fence, Op op, String what) {
    return CoordinatorWrites.fenced(store, keys, fence, List.of(op), what);
  }
}
