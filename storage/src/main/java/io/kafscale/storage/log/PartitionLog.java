/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import io.kafscale.storage.producer.ProducerSnapshot;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * The log of one partition owned by this broker at one epoch: stages produced batches, flushes them
 * as segments to the object store, commits them through {@link SegmentCommitter}, and serves
 * committed data. Thread-safe; futures complete on storage threads, never on the caller's.
 */
public interface PartitionLog extends AutoCloseable {

  PartitionId id();

  /** Owner epoch this log writes with. */
  int epoch();

  /**
   * Validates {@code records} (one or more magic-v2 batches, as carried by one Produce partition),
   * checks idempotent-producer sequences, stages the batches, and completes after the flush that
   * contains them is committed. Fails with {@link StorageException}. {@code records} must stay
   * unchanged until the future completes; it is copied into the segment during the flush.
   */
  CompletableFuture<AppendResult> append(ByteBuffer records);

  /**
   * Reads committed batches starting with the one containing {@code offset}, up to {@code
   * maxBytes}; when {@code minOneBatch} the first batch is returned even if larger. An offset equal
   * to the high watermark returns no batches; one outside [logStartOffset, highWatermark] fails
   * with OFFSET_OUT_OF_RANGE.
   */
  CompletableFuture<ReadResult> read(long offset, int maxBytes, boolean minOneBatch);

  /**
   * Like {@link #read(long, int, boolean)}; with {@code readCommitted} (isolation level
   * read_committed) no batch at or above the {@link #lastStableOffset()} is returned, and the
   * result lists the aborted transactions overlapping the returned data (an offset between the LSO
   * and the high watermark returns no batches). Default: logs without transactions, whose LSO is
   * the high watermark.
   */
  default CompletableFuture<ReadResult> read(
      long offset, int maxBytes, boolean minOneBatch, boolean readCommitted) {
    return read(offset, maxBytes, minOneBatch);
  }

  /**
   * The last stable offset: the first offset of the oldest ongoing transaction, or the high
   * watermark when it is lower or there is none. read_committed consumers read below it.
   */
  default long lastStableOffset() {
    return highWatermark();
  }

  /** Offset of the next record to be committed (consumers read below it). */
  long highWatermark();

  long logStartOffset();

  /**
   * The committed segments of this log, oldest first: an immutable snapshot (DescribeLogDirs sums
   * their lengths). Default refuses (logs without a segment list).
   */
  default List<SegmentRef> segments() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " lists no segments");
  }

  /**
   * The first committed batch whose max timestamp is at least {@code timestamp}, for ListOffsets by
   * timestamp; the caller finds the exact record inside it. Empty if there is none.
   */
  CompletableFuture<Optional<ByteBuffer>> firstBatchWithTimestampAtLeast(long timestamp);

  /** Offset and timestamp of the batch with the largest max timestamp (ListOffsets -3). */
  Optional<TimestampedOffset> maxTimestamp();

  /**
   * Where leader epoch {@code leaderEpoch} ends in this log (OffsetForLeaderEpoch, KIP-320): the
   * log's own epoch ends at the current high watermark, an earlier epoch where the next one
   * started, an unknown later epoch is {@link EpochEndOffset#UNDEFINED}. See {@link EpochHistory}.
   */
  EpochEndOffset endOffsetForEpoch(int leaderEpoch);

  /**
   * Calls {@code listener} with the new high watermark after every commit, on a storage thread.
   * Closing the returned handle removes it.
   */
  AutoCloseable onHighWatermark(LongConsumer listener);

  /**
   * Removes whole leading segments and moves the log start offset as {@code request} asks, planned
   * ({@link RetentionPlan}) on the log's state when the trim runs. The removal is committed through
   * {@link SegmentCommitter#trim} first; only then are the segments dropped from this log and its
   * caches, so reads below the new log start fail with OFFSET_OUT_OF_RANGE. Trims and flushes of
   * one log never overlap. Completes with the applied plan (the caller deletes the objects of its
   * segments); fails with {@link StorageException} (NOT_OWNER when fenced or closed, and also when
   * the commit's outcome is unknown: the log then stops, as its segment list may no longer match
   * the store's, and the owner reloads it; OFFSET_OUT_OF_RANGE for a DeleteRecords offset above the
   * high watermark; FLUSH_FAILED when the commit was refused before writing: nothing changed).
   */
  CompletableFuture<RetentionPlan> trim(TrimRequest request);

  /**
   * Log compaction ({@code cleanup.policy=compact}) of this log, if {@code request} says it is due
   * (dirty ratio or maximum compaction lag): reads a bounded window of committed segments (already
   * compacted ones followed by dirty ones, cut so that its keys fit the key map), writes compacted
   * segments keeping the latest record of each key within the whole window (offsets preserved,
   * tombstones dropped only by a window starting the log, once {@code deleteRetentionMs} old,
   * control batches kept, outputs spanning owner epochs with their epoch starts recorded), and
   * swaps them in through {@link SegmentCommitter#replace} unless more than the limits' maximum
   * duration passed since the first output upload; then drops the replaced segments from this log
   * and its caches. Never blocks appends or reads; compactions of one log never overlap each other,
   * and the swap never overlaps a flush or trim. Completes with what was done ({@link
   * CompactionResult#none()} when nothing was due); the caller deletes {@link
   * CompactionResult#replaced()} objects after a delay. Fails with {@link StorageException}
   * (NOT_OWNER when fenced or closed, and when the swap's outcome is unknown: the log then stops
   * and its owner reloads it from the store; any other failure leaves the log unchanged, new
   * objects already written are listed in the exception's message only and left to garbage
   * collection).
   *
   * <p>Default refuses (logs that cannot compact make the compactor report a failure).
   */
  default CompletableFuture<CompactionResult> compact(CompactionRequest request) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException(getClass().getSimpleName() + " cannot compact"));
  }

  /**
   * Transactions: appends {@code marker} as a control batch (one COMMIT or ABORT record, Kafka's
   * format) for its producer, ending the producer's ongoing transaction on this partition (an ABORT
   * records the transaction as aborted for read_committed fetches); completes after the flush that
   * contains it is committed, like {@link #append}. A marker for a producer without an ongoing
   * transaction is still written (Kafka does so for coordinator retries); one with an older
   * producer epoch than the producer's current one fails with INVALID_PRODUCER_EPOCH.
   *
   * <p>Default refuses (logs that do not support transactions).
   */
  default CompletableFuture<AppendResult> appendMarker(TxnMarker marker) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException(getClass().getSimpleName() + " cannot write markers"));
  }

  /** The committed state of each producer that wrote here (DescribeProducers). */
  default CompletableFuture<List<ProducerSnapshot>> producerStates() {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException(getClass().getSimpleName() + " keeps no producers"));
  }

  /**
   * The state of the write buffer (staged bytes and batches, oldest staging time, last committed
   * flush), read on the log's serial executor so it is consistent. Default: a log that keeps no
   * buffer reports {@link FlushState#IDLE}.
   */
  default CompletableFuture<FlushState> flushState() {
    return CompletableFuture.completedFuture(FlushState.IDLE);
  }

  /** Flushes staged batches now; completes when they are committed (or failed). */
  CompletableFuture<Void> flush();

  /** Replaces the topic settings (applies to later appends). */
  void updateConfig(LogConfig config);

  /**
   * False once the log stopped accepting appends: after {@link #close()}, or after a commit found
   * that another owner took over (fenced). A closed log never opens again; the owner re-claims the
   * partition and opens a new log.
   */
  boolean isOpen();

  /** Flushes, then stops accepting appends; pending requests fail with NOT_OWNER. */
  @Override
  void close();
}
