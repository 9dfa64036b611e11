/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.acl.AclBinding;
import io.kafscale.metadata.acl.AclBindingFilter;
import io.kafscale.metadata.codec.AclCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.registry.AclRegistry;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link AclRegistry} over a {@link MetadataStore}: one key per binding at {@link KeyLayout#acl},
 * so create is a plain put (idempotent: the same binding has the same key) and delete removes the
 * matched keys in one transaction. No compare is needed: a binding has no state but its existence.
 * Thread-safe and stateless.
 */
public final class StoreAclRegistry implements AclRegistry {
  private static final int MAX_OPS = 100;
  private static final int MAX_BYTES = 512 * 1024;

  private final MetadataStore store;
  private final KeyLayout keys;

  public StoreAclRegistry(MetadataStore store, KeyLayout keys) {
    this.store = store;
    this.keys = keys;
  }

  @Override
  public CompletableFuture<List<AclBinding>> list() {
    return store
        .getPrefix(keys.aclsPrefix())
        .thenApply(kvs -> kvs.stream().map(kv -> AclCodec.decode(kv.value())).toList());
  }

  @Override
  public CompletableFuture<Void> create(AclBinding binding) {
    if (binding.problem().isPresent()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(binding.problem().get()));
    }
    Txn txn = Txn.builder().then(Op.put(keys.acl(binding), AclCodec.encode(binding))).build();
    return store.txn(txn).thenApply(r -> null);
  }

  @Override
  public CompletableFuture<List<AclBinding>> delete(AclBindingFilter filter) {
    return store
        .getPrefix(keys.aclsPrefix())
        .thenCompose(
            kvs -> {
              List<KeyValue> matched =
                  kvs.stream().filter(kv -> filter.matches(AclCodec.decode(kv.value()))).toList();
              if (matched.isEmpty()) {
                return CompletableFuture.completedFuture(List.<AclBinding>of());
              }
              List<AclBinding> deleted =
                  matched.stream().map(kv -> AclCodec.decode(kv.value())).toList();
              List<Op> deletes = matched.stream().map(kv -> Op.delete(kv.key())).toList();
              // etcd caps the ops of one transaction: a broad filter deletes chunk by chunk.
              CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
              for (List<Op> chunk : TxnChunker.chunk(deletes, MAX_OPS, MAX_BYTES)) {
                done = done.thenCompose(v -> deleteAll(chunk));
              }
              return done.thenApply(v -> deleted);
            });
  }

  private CompletableFuture<Void> deleteAll(List<Op> deletes) {
    Txn.Builder txn = Txn.builder();
    deletes.forEach(txn::then);
    return store.txn(txn.build()).thenApply(r -> null);
  }

  @Override
  public String prefix() {
    return keys.aclsPrefix();
  }
}
