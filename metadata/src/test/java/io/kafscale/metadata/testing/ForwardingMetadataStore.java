/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.testing;

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
import java.util.function.Consumer;

/** A {@link MetadataStore} that forwards every call; tests override what they intercept. */
public class ForwardingMetadataStore implements MetadataStore {
  protected final MetadataStore delegate;

  public ForwardingMetadataStore(MetadataStore delegate) {
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
    return delegate.watchPrefix(prefix, fromRevision, listener);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
