/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

/**
 * What {@link PartitionLog#compact} should do, from the topic's configs: compact when the dirty
 * (never compacted) share of the log's bytes reaches {@code minCleanableDirtyRatio}, or when the
 * oldest dirty segment is older than {@code maxCompactionLagMs}; never compact records younger than
 * {@code minCompactionLagMs}; drop tombstones once the compacted segment holding them is {@code
 * deleteRetentionMs} old (by its {@code createdAtMs}, which compaction keeps when it only merges
 * compacted segments); write compacted segments of at most {@code maxSegmentBytes}. Immutable.
 */
public record CompactionRequest(
    double minCleanableDirtyRatio,
    long minCompactionLagMs,
    long maxCompactionLagMs,
    long deleteRetentionMs,
    int maxSegmentBytes) {}
