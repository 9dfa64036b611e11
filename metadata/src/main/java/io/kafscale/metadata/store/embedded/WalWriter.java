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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's writes with group commit: one writer at a time takes every queued write,
 * applies each in order (log append + in-memory apply under the state lock), fsyncs the log once
 * for the whole batch, then publishes watch events and completes the futures.
 *
 * <p>Who writes: a virtual thread that submits a write becomes the writer itself when no one else
 * writes (leader/follower), so a segment flush, whose object upload runs on a virtual thread,
 * commits without two thread hand-offs; its own future completes on that thread once the queue is
 * empty. Writes submitted by platform threads (event loops, storage and timer threads, which must
 * not wait for an fsync) are written by the {@code kafscale-metadata-writer} thread. Futures of
 * writes a writer did not submit complete on a callback pool (never on the writer, so a callback
 * may wait on another write). Submission order is log order. An I/O failure poisons the store: that
 * batch and every later operation fail, because memory may now be ahead of the disk.
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
  private final ConcurrentLinkedQueue<Request<?>> queue = new ConcurrentLinkedQueue<>();
  // Held by whoever writes a batch; guards the log, unpublished and closed.
  private final ReentrantLock writing = new ReentrantLock();
  private final ExecutorService writerThread =
      Executors.newSingleThreadExecutor(StoreThreads.factory("kafscale-metadata-writer"));
  private final ExecutorService callbacks =
      Executors.newCachedThreadPool(StoreThreads.factory("kafscale-metadata-callback"));
  private final List<Published> unpublished = new ArrayList<>();
  private boolean closed;
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
  }

  /** Commits synchronously on the calling thread; only before the first submission. */
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
    // Queued writes are written first; then no writer writes again.
    writerThread.execute(() -> write(null));
    writerThread.shutdown();
    try {
      writerThread.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writing.lock();
    try {
      closed = true;
      // Writes that raced with close never reach the log: fail them.
      failQueued();
      try {
        wal.close();
      } catch (IOException e) {
        LOG.warn("Closing metadata log failed error={}", e.toString());
      }
    } finally {
      writing.unlock();
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
    if (Thread.currentThread().isVirtual()) {
      write(r);
    } else {
      try {
        writerThread.execute(() -> write(null));
      } catch (RejectedExecutionException e) {
        // Closed: fail it, unless a writer that was still running took it.
        if (queue.remove(r)) {
          r.future.completeExceptionally(closedError());
        }
      }
    }
    return r.future;
  }

  /**
   * Writes queued batches as long as some are queued and no one else writes; whoever holds {@link
   * #writing} checks the queue again after letting go, so nothing queued is left behind. {@code
   * own} (null for the writer thread) completes on this thread once this thread has nothing left to
   * write; the other writes of its batches complete on the callback pool.
   */
  private void write(Request<?> own) {
    boolean ownWritten = false;
    while (!queue.isEmpty() && writing.tryLock()) {
      List<Request<?>> batch = new ArrayList<>();
      try {
        for (Request<?> r; batch.size() < MAX_BATCH && (r = queue.poll()) != null; ) {
          batch.add(r);
        }
        if (closed) {
          batch.forEach(r -> r.error = closedError());
        } else {
          process(batch);
        }
      } finally {
        writing.unlock();
      }
      for (Request<?> r : batch) {
        if (r == own) {
          ownWritten = true;
        } else {
          settleElsewhere(r);
        }
      }
    }
    if (ownWritten) {
      own.settle();
    }
  }

  private void settleElsewhere(Request<?> r) {
    try {
      callbacks.execute(r::settle);
    } catch (RejectedExecutionException e) {
      r.settle(); // closed: only failures are left to report
    }
  }

  private static MetadataStoreException closedError() {
    return new MetadataStoreException("metadata store is closed");
  }

  private void failQueued() {
    for (Request<?> r; (r = queue.poll()) != null; ) {
      r.future.completeExceptionally(closedError());
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
