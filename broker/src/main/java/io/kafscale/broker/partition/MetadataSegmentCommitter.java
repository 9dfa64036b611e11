/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.registry.PartitionRegistry;
import io.kafscale.storage.log.FencedException;
import io.kafscale.storage.log.PartitionId;
import io.kafscale.storage.log.SegmentCommitter;
import io.kafscale.storage.log.SegmentRef;
import io.kafscale.storage.producer.ProducerSnapshot;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Storage's {@link SegmentCommitter} port on top of the metadata store: one epoch-checked
 * transaction per flushed segment, epoch-checked trims for retention and DeleteRecords, and one
 * epoch-checked segment swap per log compaction. A moved epoch becomes storage's {@link
 * FencedException}; every other failure passes through unchanged (outcome unknown, the flush
 * fails). Thread-safe.
 */
public final class MetadataSegmentCommitter implements SegmentCommitter {
  private final PartitionRegistry partitions;

  public MetadataSegmentCommitter(PartitionRegistry partitions) {
    this.partitions = partitions;
  }

  @Override
  public CompletableFuture<Void> commit(
      PartitionId partition, int epoch, SegmentRef segment, List<ProducerSnapshot> producers) {
    CompletableFuture<Void> commit;
    try {
      commit =
          partitions.commitSegment(
              partition.topic(),
              partition.partition(),
              epoch,
              RecordMapping.toRecord(segment),
              producers.stream().map(RecordMapping::toRecord).toList());
    } catch (RuntimeException e) {
      commit = CompletableFuture.failedFuture(e);
    }
    return fencedAsStorage(partition, commit);
  }

  @Override
  public CompletableFuture<Void> trim(
      PartitionId partition, int epoch, long logStartOffset, List<SegmentRef> removed) {
    CompletableFuture<Void> trim;
    try {
      trim =
          partitions.trimSegments(
              partition.topic(),
              partition.partition(),
              epoch,
              logStartOffset,
              removed.stream().map(RecordMapping::toRecord).toList());
    } catch (RuntimeException e) {
      trim = CompletableFuture.failedFuture(e);
    }
    return fencedAsStorage(partition, trim);
  }

  @Override
  public CompletableFuture<Void> replace(
      PartitionId partition, int epoch, List<SegmentRef> removed, List<SegmentRef> added) {
    CompletableFuture<Void> replace;
    try {
      replace =
          partitions.replaceSegments(
              partition.topic(),
              partition.partition(),
              epoch,
              removed.stream().map(RecordMapping::toRecord).toList(),
              added.stream().map(RecordMapping::toRecord).toList());
    } catch (RuntimeException e) {
      replace = CompletableFuture.failedFuture(e);
    }
    return fencedAsStorage(partition, replace);
  }

  private static CompletableFuture<Void> fencedAsStorage(
      PartitionId partition, CompletableFuture<Void> commit) {
    return commit.exceptionallyCompose(
        e -> {
          Throwable cause =
              e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
          if (cause instanceof FencedEpochException) {
            FencedException fenced = new FencedException(partition + ": " + cause.getMessage());
            fenced.initCause(cause);
            return CompletableFuture.failedFuture(fenced);
          }
          return CompletableFuture.failedFuture(cause);
        });
  }
}
