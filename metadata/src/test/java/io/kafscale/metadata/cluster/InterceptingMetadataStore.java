/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.cluster;

import io.kafscale.metadata.store.CompactedRevisionException;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.TxnResult;
import io.kafscale.metadata.store.Watch;
import io.kafscale.metadata.store.WatchEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A store that forwards to another one but can lose watch events, refuse watches as compacted, and
 * counts loads, to show how the feed copes with what a real store may do. Thread-safe.
 */
final class InterceptingMetadataStore implements MetadataStore {
  private final MetadataStore delegate;

  /** While set, watch events are swallowed (a watch that silently lost its stream). */
  final AtomicBoolean dropWatchEvents = new AtomicBoolean();

  /** How many more watchPrefix calls fail with {@link CompactedRevisionException}. */
  final AtomicInteger compactedWatches = new AtomicInteger();

  /** How many times currentRevision was asked (once per feed load). */
  final AtomicInteger revisionReads = new AtomicInteger();

  /** How many watches were opened. */
  final AtomicInteger watchesOpened = new AtomicInteger();

  InterceptingMetadataStore(MetadataStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public CompletableFuture<Optional<KeyValue>> get(String key) {
    return delegate.get(key);
  }

  @Override
  public CompletableFuture<List<KeyValue>> getPrefix(String prefix) {
    return delegate.getPrefix(prefix);
  }

  @Override
  public CompletableFuture<Long> currentRevision() {
    revisionReads.incrementAndGet();
    return delegate.currentRevision();
  }

  @Override
  public CompletableFuture<TxnResult> txn(Txn txn) {
    return delegate.txn(txn);
  }

  @Override
  public CompletableFuture<Long> grantLease(Duration ttl) {
    return delegate.grantLease(ttl);
  }

  @Override
  public CompletableFuture<Void> keepAlive(long leaseId) {
    return delegate.keepAlive(leaseId);
  }

  @Override
  public CompletableFuture<Void> revokeLease(long leaseId) {
    return delegate.revokeLease(leaseId);
  }

  @Override
  public Watch watchPrefix(String prefix, long fromRevision, Consumer<List<WatchEvent>> listener) {
    if (compactedWatches.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new CompactedRevisionException("test: revision " + fromRevision + " compacted");
    }
    watchesOpened.incrementAndGet();
    return delegate.watchPrefix(
        prefix,
        fromRevision,
        batch -> {
          if (!dropWatchEvents.get()) {
            listener.accept(batch);
          }
        });
  }

  @Override
  public void close() {
    delegate.close();
  }
}
