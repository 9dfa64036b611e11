/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import io.kafscale.storage.producer.ProducerSnapshot;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Port through which a partition log makes a flushed segment part of the log. Implemented by the
 * broker on top of the metadata store.
 */
public interface SegmentCommitter {

  /**
   * Atomically records {@code segment}, moves the partition's high watermark to {@code
   * segment.nextOffset()} and stores the given producer states, provided the partition's current
   * owner epoch is still {@code epoch}. Fails with {@link FencedException} when the epoch moved
   * (this owner must stop writing) and with any other exception when the outcome is unknown or the
   * store is unreachable (the flush is failed, nothing advanced).
   */
  CompletableFuture<Void> commit(
      PartitionId partition, int epoch, SegmentRef segment, List<ProducerSnapshot> producers);

  /**
   * Atomically (or in oldest-first steps that each keep the store consistent) removes the
   * references of {@code removed} (whole leading segments, oldest first) and moves the partition's
   * log start offset to {@code logStartOffset}, provided the partition's current owner epoch is
   * still {@code epoch}. Fails like {@link #commit}: {@link FencedException} when the epoch moved,
   * anything else when the outcome is unknown. The objects of {@code removed} are not touched.
   *
   * <p>Added after {@link #commit} (hence the default, which refuses): committers that cannot trim
   * make retention and DeleteRecords fail instead of silently keeping data.
   */
  default CompletableFuture<Void> trim(
      PartitionId partition, int epoch, long logStartOffset, List<SegmentRef> removed) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException(getClass().getSimpleName() + " cannot trim logs"));
  }

  /**
   * Log compaction: in ONE atomic step, provided the partition's current owner epoch is still
   * {@code epoch}, replaces the references of {@code removed} (a contiguous run of committed
   * segments, oldest first) with {@code added} (compacted segments, oldest first, covering exactly
   * the same offsets: the first starts at the first removed base offset, each next one right after
   * the previous, the last ends at the last removed last offset). High watermark, log start and
   * producer states do not change. Fails like {@link #commit}: {@link FencedException} when the
   * epoch moved, anything else when the outcome is unknown. The objects of {@code removed} are not
   * touched (the caller deletes them after a delay, as readers may still be reading them). The
   * added references are stored whole, {@link SegmentRef#epochStarts()} included. A replacement
   * found already applied (a retry after a lost answer) succeeds. The log stops after any failure
   * other than a refusal before writing, since it cannot know what the store holds.
   *
   * <p>Default refuses, like {@link #trim}: committers that cannot replace make compaction fail.
   */
  default CompletableFuture<Void> replace(
      PartitionId partition, int epoch, List<SegmentRef> removed, List<SegmentRef> added) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException(getClass().getSimpleName() + " cannot replace segments"));
  }
}
