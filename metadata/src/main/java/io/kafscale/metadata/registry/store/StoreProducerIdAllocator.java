/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.registry.ProducerIdAllocator;
import io.kafscale.metadata.store.Compare;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@link ProducerIdAllocator} that reserves blocks of ids by compare-and-set on the shared "next
 * id" key and hands them out from memory. Ids left in a block when the process stops are skipped,
 * never reused. Thread-safe.
 */
public final class StoreProducerIdAllocator implements ProducerIdAllocator {
  public static final int DEFAULT_BLOCK_SIZE = 1000;

  private final MetadataStore store;
  private final String key;
  private final int blockSize;
  private long next; // guarded by this
  private long end; // exclusive; guarded by this
  private CompletableFuture<Void> reservation; // guarded by this

  public StoreProducerIdAllocator(MetadataStore store, KeyLayout keys, int blockSize) {
    if (blockSize < 1) {
      throw new IllegalArgumentException("block size must be positive");
    }
    this.store = store;
    this.key = keys.producerIdBlock();
    this.blockSize = blockSize;
  }

  public StoreProducerIdAllocator(MetadataStore store, KeyLayout keys) {
    this(store, keys, DEFAULT_BLOCK_SIZE);
  }

  @Override
  public synchronized CompletableFuture<Long> nextProducerId() {
    if (next < end) {
      return CompletableFuture.completedFuture(next++);
    }
    // One reservation at a time; callers arriving meanwhile wait for it and then take ids.
    if (reservation == null || reservation.isDone()) {
      reservation =
          CasLoop.run("reserve producer ids", this::reserveAttempt).thenAccept(this::useBlock);
    }
    return reservation.thenCompose(v -> nextProducerId());
  }

  private synchronized void useBlock(long start) {
    next = start;
    end = start + blockSize;
  }

  private CompletableFuture<Optional<Long>> reserveAttempt() {
    return store
        .get(key)
        .thenCompose(
            kv -> {
              long start = kv.map(v -> ProtoCodec.decodeProducerIdBlock(v.value())).orElse(0L);
              Compare unchanged =
                  kv.isPresent()
                      ? Compare.modRevisionEquals(key, kv.get().modRevision())
                      : Compare.absent(key);
              Txn txn =
                  Txn.builder()
                      .when(unchanged)
                      .then(Op.put(key, ProtoCodec.encodeProducerIdBlock(start + blockSize)))
                      .build();
              return store
                  .txn(txn)
                  .thenApply(r -> r.succeeded() ? Optional.of(start) : Optional.<Long>empty());
            });
  }
}
