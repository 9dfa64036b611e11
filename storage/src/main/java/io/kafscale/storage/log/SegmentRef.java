/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import java.util.List;

/**
 * Where a committed run of batches lives: bytes {@code [position, position + length)} of object
 * {@code objectKey} hold the segment (header, batches, footer) covering offsets {@code [baseOffset,
 * lastOffset]}. {@code indexKey} names the sparse index object (null if none). {@code epoch} is the
 * owner epoch that wrote it; {@code crc} is the footer's CRC-32C of the batches. {@code compacted}
 * marks a segment written by log compaction (its records are the latest per key as of {@code
 * createdAtMs}); flushed segments are not compacted ("dirty" in Kafka's cleaner terms). A compacted
 * segment may hold offset gaps: its batches cover only part of {@code [baseOffset, lastOffset]}.
 *
 * <p>A compacted segment may hold the records of several owner epochs: {@code epochStarts} then
 * lists where each one starts, oldest first (the first at {@code baseOffset}), and {@code epoch} is
 * the last of them. Empty means the whole segment belongs to {@code epoch} (every flushed segment).
 *
 * <p>{@code abortedTxns} lists the transactions whose ABORT marker lies in this segment, so they
 * are committed, compacted and trimmed with it and a new owner serves the same read_committed
 * answers.
 */
public record SegmentRef(
    String objectKey,
    String indexKey,
    long position,
    int length,
    long baseOffset,
    long lastOffset,
    long maxTimestamp,
    int epoch,
    int crc,
    long createdAtMs,
    boolean compacted,
    List<EpochStart> epochStarts,
    List<AbortedTxn> abortedTxns) {

  /** The first offset owner epoch {@code epoch} wrote within a segment. */
  public record EpochStart(int epoch, long startOffset) {}

  /** An empty index key (as a metadata codec without nulls stores "none") means no index. */
  public SegmentRef {
    if (indexKey != null && indexKey.isEmpty()) {
      indexKey = null;
    }
    epochStarts = epochStarts == null ? List.of() : List.copyOf(epochStarts);
    abortedTxns = abortedTxns == null ? List.of() : List.copyOf(abortedTxns);
  }

  /**
   * A segment written by a flush: one owner epoch, not compacted, no aborted transactions (the
   * common case; compaction and transaction markers use the canonical constructor).
   */
  public static SegmentRef flushed(
      String objectKey,
      String indexKey,
      long position,
      int length,
      long baseOffset,
      long lastOffset,
      long maxTimestamp,
      int epoch,
      int crc,
      long createdAtMs) {
    return new SegmentRef(
        objectKey,
        indexKey,
        position,
        length,
        baseOffset,
        lastOffset,
        maxTimestamp,
        epoch,
        crc,
        createdAtMs,
        false,
        List.of(),
        List.of());
  }

  /** This reference carrying {@code aborted} (the transactions whose ABORT marker it holds). */
  public SegmentRef withAbortedTxns(List<AbortedTxn> aborted) {
    return new SegmentRef(
        objectKey,
        indexKey,
        position,
        length,
        baseOffset,
        lastOffset,
        maxTimestamp,
        epoch,
        crc,
        createdAtMs,
        compacted,
        epochStarts,
        aborted);
  }

  /** Where each owner epoch of this segment starts, oldest first (never empty). */
  public List<EpochStart> epochRuns() {
    return epochStarts.isEmpty() ? List.of(new EpochStart(epoch, baseOffset)) : epochStarts;
  }

  /** Offset after the last offset of this segment. */
  public long nextOffset() {
    return lastOffset + 1;
  }
}
