/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import io.kafscale.storage.compaction.BatchRewriter;
import io.kafscale.storage.compaction.CompactionLimits;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What every partition log of one {@link PartitionLogFactory} shares. {@code transactionsEnabled}:
 * transactional produce is accepted (a transaction coordinator writes the markers).
 */
record LogContext(
    StorageConfig config,
    Clock clock,
    LogScheduler scheduler,
    SegmentUploader uploader,
    SegmentCommitter committer,
    Supplier<String> suffixes,
    StorageMeters meters,
    SegmentSource source,
    long recentBytesPerPartition,
    BatchRewriter rewriter,
    CompactionLimits compactionLimits,
    Executor compactionExecutor,
    boolean transactionsEnabled) {

  LogContext withCompaction(BatchRewriter rewriter, CompactionLimits limits, Executor executor) {
    return new LogContext(
        config,
        clock,
        scheduler,
        uploader,
        committer,
        suffixes,
        meters,
        source,
        recentBytesPerPartition,
        rewriter,
        limits,
        executor,
        transactionsEnabled);
  }

  LogContext withTransactions(boolean enabled) {
    return new LogContext(
        config,
        clock,
        scheduler,
        uploader,
        committer,
        suffixes,
        meters,
        source,
        recentBytesPerPartition,
        rewriter,
        compactionLimits,
        compactionExecutor,
        enabled);
  }
}
