/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import io.kafscale.storage.compaction.BatchRewriter;
import io.kafscale.storage.compaction.CompactionFixtures;
import io.kafscale.storage.compaction.CompactionLimits;
import io.kafscale.storage.objectstore.memory.InMemoryObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/** Builds partition logs over in-memory fakes with hand-driven time. */
final class PartitionLogTestContext {

  static final PartitionId PARTITION = new PartitionId("orders", 3);

  final InMemoryObjectStore store = new InMemoryObjectStore();
  final InMemorySegmentCommitter committer = new InMemorySegmentCommitter();
  final ManualScheduler scheduler = new ManualScheduler();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private long flushMaxBytes = 1 << 20;
  private Duration flushMaxAge = Duration.ofMillis(100);
  private long idleFlushBytes = StorageConfig.DEFAULT_IDLE_FLUSH_BYTES;
  private Duration idleFlushDelay = StorageConfig.DEFAULT_IDLE_FLUSH_DELAY;
  private long cacheBytes = 64L << 20;
  private long recentBytes = 16L << 20;
  private long wholeSegmentMax = 8L << 20;
  private PartitionLogFactory factory;
  private BatchRewriter rewriter = CompactionFixtures.KAFKA;
  private CompactionLimits compactionLimits = CompactionLimits.DEFAULTS;

  private boolean transactions;

  /** Logs accept transactional produce (as with a transaction coordinator). */
  PartitionLogTestContext transactions() {
    this.transactions = true;
    return this;
  }

  PartitionLogTestContext rewriter(BatchRewriter rewriter) {
    this.rewriter = rewriter;
    return this;
  }

  PartitionLogTestContext compactionLimits(CompactionLimits limits) {
    this.compactionLimits = limits;
    return this;
  }

  PartitionLogTestContext flushMaxBytes(long bytes) {
    this.flushMaxBytes = bytes;
    return this;
  }

  PartitionLogTestContext flushMaxAge(Duration age) {
    this.flushMaxAge = age;
    return this;
  }

  PartitionLogTestContext idleFlushBytes(long bytes) {
    this.idleFlushBytes = bytes;
    return this;
  }

  PartitionLogTestContext idleFlushDelay(Duration delay) {
    this.idleFlushDelay = delay;
    return this;
  }

  PartitionLogTestContext cacheBytes(long bytes) {
    this.cacheBytes = bytes;
    return this;
  }

  PartitionLogTestContext recentBytes(long bytes) {
    this.recentBytes = bytes;
    return this;
  }

  PartitionLogTestContext wholeSegmentMax(long bytes) {
    this.wholeSegmentMax = bytes;
    return this;
  }

  PartitionLogFactory factory() {
    if (factory == null) {
      StorageConfig config =
          new StorageConfig(
              "ns", flushMaxBytes, flushMaxAge, cacheBytes, 1024, idleFlushBytes, idleFlushDelay);
      factory =
          new PartitionLogFactory(
                  store,
                  committer,
                  config,
                  scheduler.clock(),
                  meters,
                  scheduler,
                  recentBytes,
                  wholeSegmentMax)
              .withCompaction(rewriter, compactionLimits, scheduler)
              .withTransactions(transactions);
    }
    return factory;
  }

  PartitionLog open() {
    return open(LogConfig.defaults(), 1);
  }

  PartitionLog open(LogConfig config, int epoch) {
    return factory().open(PARTITION, epoch, config, committer.recovered(PARTITION));
  }

  /**
   * A new owner's log (fresh factory: empty cache and recent segments) over the same store and
   * metadata.
   */
  PartitionLog reopen(int epoch) {
    factory = null;
    return open(LogConfig.defaults(), epoch);
  }

  void advance(Duration by) {
    scheduler.advance(by);
  }
}
