/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import java.time.Clock;
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
    long recentBytesPerPartition) {}
