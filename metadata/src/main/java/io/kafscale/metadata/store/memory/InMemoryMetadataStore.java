/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store.memory;

import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.MetadataStoreException;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.TxnResult;
import io.kafscale.metadata.store.Watch;
import io.kafscale.metadata.store.WatchEvent;
import io.kafscale.metadata.store.engine.Decision;
import io.kafscale.metadata.store.engine.KvEngine;
import io.kafscale.metadata.store.engine.Mutation;
import io.kafscale.metadata.store.engine.StoreThreads;
import io.kafscale.metadata.store.engine.WatchHub;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The in-memory twin of the metadata store for unit tests. Thread-safe; operations run on the
 * caller's thread under one lock and return completed futures; watch events are delivered on one
 * store thread.
 *
 * <p>Lease expiry is driven by the injected clock, without a timer: every operation first expires
 * the leases whose deadline the clock has passed (deleting their keys, one revision per lease, in
 * lease id order), and {@link #expireLeases()} does the same on demand. A test advances its clock
 * and then calls any operation to observe the expiry.
 */
public final class InMemoryMetadataStore implements MetadataStore {
  private static final int HISTORY_LIMIT = 100_000;

  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final KvEngine engine = new KvEngine();
  private final ExecutorService watchExecutor = StoreThreads.watchDispatcher();
  private final WatchHub hub = new WatchHub(watchExecutor, HISTORY_LIMIT, 0);
  private volatile boolean closed;

  public InMemoryMetadataStore(Clock clock) {
    this.clock = clock;
  }

  /** A store on the system UTC clock. */
  public InMemoryMetadataStore() {
    this(Clock.systemUTC());
  }

  @Override
  public CompletableFuture<Optional<KeyValue>> get(String key) {
    return locked(() -> engine.get(key));
  }

  @Override
  public CompletableFuture<List<KeyValue>> getPrefix(String prefix) {
    return locked(() -> engine.range(prefix));
  }

  @Override
  public CompletableFuture<Long> currentRevision() {
    return locked(engine::revision);
  }

  @Override
  public CompletableFuture<TxnResult> txn(Txn txn) {
    return locked(
        () -> {
          Decision d = engine.decide(txn);
          commit(d.mutations());
          return new TxnResult(d.succeeded(), engine.revision(), d.gets());
        });
  }

  @Override
  public CompletableFuture<Long> grantLease(Duration ttl) {
    return locked(() -> engine.grantLease(ttl.toMillis(), clock.millis()));
  }

  @Override
  public CompletableFuture<Void> keepAlive(long leaseId) {
    return locked(
        () -> {
          engine.keepAlive(leaseId, clock.millis());
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> revokeLease(long leaseId) {
    return locked(
        () -> {
          commit(engine.revokeLease(leaseId));
          return null;
        });
  }

  @Override
  public Watch watchPrefix(String prefix, long fromRevision, Consumer<List<WatchEvent>> listener) {
    ensureOpen();
    lock.lock();
    try {
      expireLocked();
      return hub.register(prefix, fromRevision, listener);
    } finally {
      lock.unlock();
    }
  }

  /** Expires every lease whose deadline the clock has reached; returns how many expired. */
  public int expireLeases() {
    ensureOpen();
    lock.lock();
    try {
      return expireLocked();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    closed = true;
    watchExecutor.shutdown();
  }

  private int expireLocked() {
    List<Long> expired = engine.expiredLeases(clock.millis());
    for (long id : expired) {
      commit(engine.revokeLease(id));
    }
    return expired.size();
  }

  private void commit(List<Mutation> mutations) {
    if (mutations.isEmpty()) {
      return;
    }
    long rev = engine.revision() + 1;
    hub.publish(rev, engine.apply(rev, mutations));
  }

  private <T> CompletableFuture<T> locked(Supplier<T> action) {
    if (closed) {
      return CompletableFuture.failedFuture(new MetadataStoreException("metadata store is closed"));
    }
    T result;
    lock.lock();
    try {
      expireLocked();
      result = action.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    } finally {
      lock.unlock();
    }
    // Completed outside the lock so callbacks chained on it never run while holding it.
    return CompletableFuture.completedFuture(result);
  }

  private void ensureOpen() {
    if (closed) {
      throw new MetadataStoreException("metadata store is closed");
    }
  }
}
