/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import io.kafscale.storage.compaction.BatchRewriter;
import io.kafscale.storage.compaction.CompactionLimits;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** What every partition log of one {@link PartitionLogFactory} shares. */
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
    Executor compactionExecutor) {

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
        executor);
  }
}
