/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store.embedded;

import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.MetadataStoreException;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.TxnResult;
import io.kafscale.metadata.store.Watch;
import io.kafscale.metadata.store.WatchEvent;
import io.kafscale.metadata.store.engine.KvEngine;
import io.kafscale.metadata.store.engine.StoreThreads;
import io.kafscale.metadata.store.engine.StoredEntry;
import io.kafscale.metadata.store.engine.WatchHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-process quickstart store: the state lives in memory and every committed write revision
 * is appended to a write-ahead log in the data directory and fsynced before its future completes,
 * so every acknowledged transaction survives {@code kill -9}. Concurrent transactions share one
 * fsync (group commit, see {@link WalWriter}). The log is folded into a snapshot when it grows past
 * a threshold. One store per directory, enforced by an OS file lock. With {@link
 * EmbeddedStoreOptions#fsync()} off the fdatasync is skipped: commits still reach the OS before
 * their futures complete (safe against {@code kill -9}) but a machine crash can lose them.
 *
 * <p>Leases are not persisted: a restart means the process that held them is gone, so keys attached
 * to leases are deleted when the store opens. Thread-safe: reads run on the caller's thread under a
 * read lock; writes run on one writer thread; futures of writes complete on a callback pool; watch
 * events arrive on one watch thread, only after their revision is durable. A read may see a
 * revision up to one fsync before it is durable (its writer's future and its watch events wait for
 * the fsync); a crash loses such a revision only together with that reader.
 */
public final class EmbeddedMetadataStore implements MetadataStore {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMetadataStore.class);
  static final String WAL_NAME = "wal.log";
  private static final int HISTORY_LIMIT = 10_000;

  private final Path dir;
  private final EmbeddedStoreOptions options;
  private final DirectoryLock dirLock;
  private final ReadWriteLock stateLock = new ReentrantReadWriteLock();
  private final KvEngine engine;
  private final ExecutorService watchExecutor;
  private final WatchHub hub;
  private final WalWriter writer;
  private final ScheduledExecutorService leaseTicker;
  private volatile boolean closed;

  private EmbeddedMetadataStore(Path dir, EmbeddedStoreOptions options, DirectoryLock dirLock)
      throws IOException {
    this.dir = dir;
    this.options = options;
    this.dirLock = dirLock;
    this.engine = new KvEngine();
    Optional<SnapshotFile.Loaded> snapshot = SnapshotFile.read(dir);
    snapshot.ifPresent(s -> engine.restore(s.revision(), s.entries()));
    this.watchExecutor = StoreThreads.watchDispatcher();
    this.hub = new WatchHub(watchExecutor, HISTORY_LIMIT, engine.revision());
    // Preallocation only pays when commits are fsync'd (see WriteAheadLog).
    WriteAheadLog wal =
        new WriteAheadLog(
            dir.resolve(WAL_NAME), options.fsync() ? WriteAheadLog.PREALLOCATE_BYTES : 0);
    try {
      if (options.fsync()) {
        // A new log file's directory entry must be durable too, or a power loss can drop the
        // whole file although its records were fsync'd.
        SnapshotFile.syncDirectory(dir);
      }
      replay(wal);
      this.writer = new WalWriter(wal, engine, stateLock.writeLock(), hub, options, this::snapshot);
      // Leases die with the process that held them (see class comment).
      writer.commitNow(engine.deletionsOfAllLeasedKeys());
    } catch (IOException | RuntimeException e) {
      wal.close();
      watchExecutor.shutdownNow();
      throw e;
    }
    this.leaseTicker =
        Executors.newSingleThreadScheduledExecutor(StoreThreads.factory("kafscale-metadata-lease"));
    long interval = options.leaseCheckInterval().toMillis();
    leaseTicker.scheduleWithFixedDelay(
        this::checkLeases, interval, interval, TimeUnit.MILLISECONDS);
    LOG.info("Opened embedded metadata store path={} revision={}", dir, engine.revision());
  }

  /** Opens (creating if needed) the store in {@code dataDir} with default options. */
  public static EmbeddedMetadataStore open(Path dataDir) {
    return open(dataDir, EmbeddedStoreOptions.defaults());
  }

  /**
   * Opens (creating if needed) the store in {@code dataDir}. Fails with {@link
   * MetadataStoreException} if another store holds the directory or its files are corrupt.
   */
  public static EmbeddedMetadataStore open(Path dataDir, EmbeddedStoreOptions options) {
    DirectoryLock lock = null;
    try {
      Files.createDirectories(dataDir);
      lock = DirectoryLock.acquire(dataDir);
      return new EmbeddedMetadataStore(dataDir, options, lock);
    } catch (IOException | RuntimeException e) {
      closeQuietly(lock);
      if (e instanceof MetadataStoreException mse) {
        throw mse;
      }
      throw new MetadataStoreException("cannot open metadata store in " + dataDir + ": " + e, e);
    }
  }

  @Override
  public CompletableFuture<Optional<KeyValue>> get(String key) {
    return read(() -> engine.get(key));
  }

  @Override
  public CompletableFuture<List<KeyValue>> getPrefix(String prefix) {
    return read(() -> engine.range(prefix));
  }

  @Override
  public CompletableFuture<Long> currentRevision() {
    return read(engine::revision);
  }

  @Override
  public CompletableFuture<TxnResult> txn(Txn txn) {
    return closed ? closedFuture() : writer.submitTxn(txn);
  }

  @Override
  public CompletableFuture<Long> grantLease(Duration ttl) {
    return leaseOp(() -> engine.grantLease(ttl.toMillis(), options.clock().millis()));
  }

  @Override
  public CompletableFuture<Void> keepAlive(long leaseId) {
    return leaseOp(
        () -> {
          engine.keepAlive(leaseId, options.clock().millis());
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> revokeLease(long leaseId) {
    return closed ? closedFuture() : writer.submitRevoke(leaseId);
  }

  /**
   * Deletes the keys of every lease whose deadline the clock has passed; completes with how many
   * leases expired.
   */
  public CompletableFuture<Integer> expireLeases() {
    return closed ? closedFuture() : writer.submitExpire();
  }

  @Override
  public Watch watchPrefix(String prefix, long fromRevision, Consumer<List<WatchEvent>> listener) {
    if (closed) {
      throw new MetadataStoreException("metadata store is closed");
    }
    return hub.register(prefix, fromRevision, listener);
  }

  /** The directory this store persists to. */
  public Path directory() {
    return dir;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    leaseTicker.shutdownNow();
    writer.close();
    watchExecutor.shutdown();
    closeQuietly(dirLock);
    LOG.info("Closed embedded metadata store path={}", dir);
  }

  private void replay(WriteAheadLog wal) throws IOException {
    wal.replay(
        record -> {
          if (record.revision() <= engine.revision()) {
            return; // Already in the snapshot: the log was not emptied before a crash.
          }
          if (record.revision() != engine.revision() + 1) {
            throw new MetadataStoreException(
                "metadata log in "
                    + dir
                    + " skips from revision "
                    + engine.revision()
                    + " to "
                    + record.revision());
          }
          hub.publish(record.revision(), engine.apply(record.revision(), record.mutations()));
        });
  }

  /** Called by the writer thread (the only mutator of keys) when the log is large. */
  private void snapshot() throws IOException {
    long revision;
    List<StoredEntry> entries;
    stateLock.readLock().lock();
    try {
      revision = engine.revision();
      entries = List.copyOf(engine.entries());
    } finally {
      stateLock.readLock().unlock();
    }
    SnapshotFile.write(dir, revision, entries);
    LOG.info("Wrote metadata snapshot path={} revision={} keys={}", dir, revision, entries.size());
  }

  private void checkLeases() {
    boolean due;
    stateLock.readLock().lock();
    try {
      due = !engine.expiredLeases(options.clock().millis()).isEmpty();
    } finally {
      stateLock.readLock().unlock();
    }
    if (due && !closed) {
      writer.submitExpire();
    }
  }

  private <T> CompletableFuture<T> read(Supplier<T> action) {
    if (closed) {
      return closedFuture();
    }
    MetadataStoreException failure = writer.failure();
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    stateLock.readLock().lock();
    try {
      return CompletableFuture.completedFuture(action.get());
    } finally {
      stateLock.readLock().unlock();
    }
  }

  private <T> CompletableFuture<T> leaseOp(Supplier<T> action) {
    if (closed) {
      return closedFuture();
    }
    stateLock.writeLock().lock();
    T result;
    try {
      result = action.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    } finally {
      stateLock.writeLock().unlock();
    }
    return CompletableFuture.completedFuture(result);
  }

  private static <T> CompletableFuture<T> closedFuture() {
    return CompletableFuture.failedFuture(new MetadataStoreException("metadata store is closed"));
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("Close failed error={}", e.toString());
    }
  }
}
