/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import io.kafscale.storage.cache.SegmentCache;
import io.kafscale.storage.compaction.BatchRewriter;
import io.kafscale.storage.compaction.CompactionLimits;
import io.kafscale.storage.objectstore.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Opens {@link PartitionLog}s that share one object store, committer, segment cache, key-suffix
 * source and a small pool of storage threads. Thread-safe. Close the logs before the factory; the
 * factory does not close the object store (its owner does).
 */
public final class PartitionLogFactory implements PartitionLogOpener {

  /** In-memory copies of recently committed segments kept per partition. */
  public static final long DEFAULT_RECENT_BYTES_PER_PARTITION = 16L << 20;

  /** Segments up to this size are fetched whole and cached; larger ones by index-located ranges. */
  public static final long WHOLE_SEGMENT_MAX_BYTES = 8L << 20;

  private static final int THREADS =
      Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private volatile LogContext context;
  private ExecutorService compactionThread;
  private final SegmentCache<SegmentSource.Cached> cache;
  private final ExecutorLogScheduler ownedScheduler;

  public PartitionLogFactory(
      ObjectStore store,
      SegmentCommitter committer,
      StorageConfig config,
      Clock clock,
      MeterRegistry meters) {
    this(
        store,
        committer,
        config,
        clock,
        meters,
        new ExecutorLogScheduler(THREADS),
        true,
        DEFAULT_RECENT_BYTES_PER_PARTITION,
        WHOLE_SEGMENT_MAX_BYTES);
  }

  /**
   * With a caller-owned scheduler (not closed by {@link #close}) and explicit memory bounds; tests
   * use it to drive time by hand.
   */
  public PartitionLogFactory(
      ObjectStore store,
      SegmentCommitter committer,
      StorageConfig config,
      Clock clock,
      MeterRegistry meters,
      LogScheduler scheduler,
      long recentBytesPerPartition,
      long wholeSegmentMaxBytes) {
    this(
        store,
        committer,
        config,
        clock,
        meters,
        scheduler,
        false,
        recentBytesPerPartition,
        wholeSegmentMaxBytes);
  }

  private PartitionLogFactory(
      ObjectStore store,
      SegmentCommitter committer,
      StorageConfig config,
      Clock clock,
      MeterRegistry registry,
      LogScheduler scheduler,
      boolean ownsScheduler,
      long recentBytesPerPartition,
      long wholeSegmentMaxBytes) {
    this.cache = new SegmentCache<>(config.cacheBytes(), SegmentSource.Cached::weight);
    StorageMeters meters = new StorageMeters(registry, cache);
    SegmentSource source = new SegmentSource(store, cache, meters, scheduler, wholeSegmentMaxBytes);
    this.ownedScheduler = ownsScheduler ? (ExecutorLogScheduler) scheduler : null;
    this.context =
        new LogContext(
            config,
            clock,
            scheduler,
            new SegmentUploader(store, committer, meters, registry),
            committer,
            new KeySuffixes(),
            meters,
            source,
            recentBytesPerPartition,
            BatchRewriter.UNSUPPORTED,
            CompactionLimits.DEFAULTS,
            scheduler,
            false);
  }

  /**
   * Gives logs opened from now on the means to compact ({@link PartitionLog#compact}): the record
   * access of {@code rewriter} and the resource bounds of {@code limits}. Without it compaction
   * fails. Returns this factory.
   */
  public PartitionLogFactory withCompaction(BatchRewriter rewriter, CompactionLimits limits) {
    synchronized (this) {
      if (compactionThread == null) {
        compactionThread =
            Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "kafscale-compaction");
                  t.setDaemon(true);
                  return t;
                });
      }
    }
    return withCompaction(rewriter, limits, compactionThread);
  }

  /**
   * Like {@link #withCompaction(BatchRewriter, CompactionLimits)}, with the compaction work
   * (decompressing, filtering, encoding) on {@code executor} instead of the factory's own
   * compaction thread, which otherwise keeps it off the storage threads that serve produce and
   * fetch.
   */
  public PartitionLogFactory withCompaction(
      BatchRewriter rewriter, CompactionLimits limits, Executor executor) {
    this.context = context.withCompaction(rewriter, limits, executor);
    return this;
  }

  /** {@link #withCompaction(BatchRewriter, CompactionLimits)} with the default bounds. */
  public PartitionLogFactory withBatchRewriter(BatchRewriter rewriter) {
    return withCompaction(rewriter, CompactionLimits.DEFAULTS);
  }

  /**
   * Lets logs opened from now on accept transactional produce ({@code enabled}); off by default, as
   * clients may only send transactional batches once a transaction coordinator writes the markers
   * that end them. Returns this factory.
   */
  public PartitionLogFactory withTransactions(boolean enabled) {
    this.context = context.withTransactions(enabled);
    return this;
  }

  @Override
  public PartitionLog open(PartitionId id, int epoch, LogConfig config, RecoveredPartition state) {
    return new DefaultPartitionLog(id, epoch, config, state, context);
  }

  /** The shared segment cache (for metrics and tests). */
  public SegmentCache<?> cache() {
    return cache;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (compactionThread != null) {
        compactionThread.shutdownNow();
      }
    }
    if (ownedScheduler != null) {
      ownedScheduler.close();
    }
  }
}
