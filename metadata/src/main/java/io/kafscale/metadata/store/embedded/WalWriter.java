/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store.embedded;

import io.kafscale.metadata.store.MetadataStoreException;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.TxnResult;
import io.kafscale.metadata.store.WatchEvent;
import io.kafscale.metadata.store.engine.Decision;
import io.kafscale.metadata.store.engine.KvEngine;
import io.kafscale.metadata.store.engine.Mutation;
import io.kafscale.metadata.store.engine.StoreThreads;
import io.kafscale.metadata.store.engine.WatchHub;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's single writer thread with group commit: it takes every queued write, applies
 * each in order (log append + in-memory apply under the state lock), fsyncs the log once for the
 * whole batch, then publishes watch events and completes the futures on a callback pool (never on
 * the writer thread, so a callback may wait on another write). An I/O failure poisons the store:
 * that batch and every later operation fail, because memory may now be ahead of the disk.
 */
final class WalWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WalWriter.class);
  private static final int MAX_BATCH = 1024;

  /** Writes a snapshot of the current state; called on the writer thread. */
  interface Snapshotter {
    void snapshot() throws IOException;
  }

  private interface Body<T> {
    T run() throws IOException;
  }

  private static final class Request<T> {
    final Body<T> body;
    final CompletableFuture<T> future = new CompletableFuture<>();
    T value;
    Throwable error;

    Request(Body<T> body) {
      this.body = body;
    }

    void execute() {
      try {
        value = body.run();
      } catch (RuntimeException e) {
        error = e;
      } catch (IOException e) {
        error = e;
      }
    }

    void settle() {
      if (error != null) {
        future.completeExceptionally(error);
      } else {
        future.complete(value);
      }
    }
  }

  private record Published(long revision, List<WatchEvent> events) {}

  private final WriteAheadLog wal;
  private final KvEngine engine;
  private final Lock writeLock;
  private final WatchHub hub;
  private final EmbeddedStoreOptions options;
  private final Snapshotter snapshotter;
  private final LinkedBlockingQueue<Request<?>> queue = new LinkedBlockingQueue<>();
  private final Request<Void> stop = new Request<>(() -> null);
  private final ExecutorService callbacks =
      Executors.newCachedThreadPool(StoreThreads.factory("kafscale-metadata-callback"));
  private final Thread thread;
  private final List<Published> unpublished = new ArrayList<>();
  private volatile MetadataStoreException failure;

  WalWriter(
      WriteAheadLog wal,
      KvEngine engine,
      Lock writeLock,
      WatchHub hub,
      EmbeddedStoreOptions options,
      Snapshotter snapshotter) {
    this.wal = wal;
    this.engine = engine;
    this.writeLock = writeLock;
    this.hub = hub;
    this.options = options;
    this.snapshotter = snapshotter;
    this.thread = StoreThreads.factory("kafscale-metadata-writer").newThread(this::loop);
  }

  /** Commits synchronously on the calling thread; only before {@link #start()}. */
  void commitNow(List<Mutation> mutations) throws IOException {
    writeLock.lock();
    try {
      append(mutations);
    } finally {
      writeLock.unlock();
    }
    sync();
    publish();
  }

  void start() {
    thread.start();
  }

  /** The group commit's fdatasync, unless the options turned it off (records stay in the OS). */
  private void sync() throws IOException {
    if (options.fsync()) {
      wal.force();
    }
  }

  MetadataStoreException failure() {
    return failure;
  }

  CompletableFuture<TxnResult> submitTxn(Txn txn) {
    return submit(
        () -> {
          Decision d = engine.decide(txn);
          append(d.mutations());
          return new TxnResult(d.succeeded(), engine.revision(), d.gets());
        });
  }

  CompletableFuture<Void> submitRevoke(long leaseId) {
    return submit(
        () -> {
          append(engine.revokeLease(leaseId));
          return null;
        });
  }

  CompletableFuture<Integer> submitExpire() {
    return submit(
        () -> {
          List<Long> expired = engine.expiredLeases(options.clock().millis());
          for (long id : expired) {
            append(engine.revokeLease(id));
          }
          return expired.size();
        });
  }

  @Override
  public void close() {
    queue.add(stop);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Writes that raced with close never reach the log: fail them.
    for (Request<?> r; (r = queue.poll()) != null; ) {
      r.future.completeExceptionally(new MetadataStoreException("metadata store is closed"));
    }
    try {
      wal.close();
    } catch (IOException e) {
      LOG.warn("Closing metadata log failed error={}", e.toString());
    }
    callbacks.shutdown();
  }

  private <T> CompletableFuture<T> submit(Body<T> body) {
    MetadataStoreException f = failure;
    if (f != null) {
      return CompletableFuture.failedFuture(f);
    }
    Request<T> r = new Request<>(body);
    queue.add(r);
    return r.future;
  }

  private void loop() {
    List<Request<?>> batch = new ArrayList<>();
    while (true) {
      batch.clear();
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      boolean stopping = batch.remove(stop);
      process(batch);
      if (stopping) {
        return;
      }
    }
  }

  private void process(List<Request<?>> batch) {
    writeLock.lock();
    try {
      for (Request<?> r : batch) {
        if (failure != null) {
          r.error = failure;
        } else {
          r.execute();
          if (r.error instanceof IOException io) {
            poison(io);
          }
        }
      }
    } finally {
      writeLock.unlock();
    }
    if (!unpublished.isEmpty() && failure == null) {
      try {
        sync();
      } catch (IOException e) {
        poison(e);
      }
    }
    if (failure != null) {
      // Nothing of this batch may be reported as done: the disk may not have it.
      unpublished.clear();
      for (Request<?> r : batch) {
        r.error = failure;
      }
    }
    publish();
    for (Request<?> r : batch) {
      callbacks.execute(r::settle);
    }
    maybeSnapshot();
  }

  private void append(List<Mutation> mutations) throws IOException {
    if (mutations.isEmpty()) {
      return;
    }
    long revision = engine.revision() + 1;
    wal.append(new WalRecord(revision, mutations).encode());
    unpublished.add(new Published(revision, engine.apply(revision, mutations)));
  }

  private void publish() {
    for (Published p : unpublished) {
      hub.publish(p.revision(), p.events());
    }
    unpublished.clear();
  }

  private void maybeSnapshot() {
    try {
      if (failure != null || wal.size() < options.snapshotThresholdBytes()) {
        return;
      }
      snapshotter.snapshot();
    } catch (IOException e) {
      // The log is still complete: keep appending and try again after the next batch.
      LOG.error("Metadata snapshot failed error={}", e.toString(), e);
      return;
    }
    try {
      wal.reset();
    } catch (IOException e) {
      poison(e);
    }
  }

  private void poison(IOException e) {
    if (failure == null) {
      failure =
          new MetadataStoreException("metadata store write failed; store is unusable: " + e, e);
      LOG.error("Metadata store write failed error={}", e.toString(), e);
    }
  }
}
