/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.List;

/**
 * A committed segment reference as stored in the metadata store (mirror of storage's SegmentRef).
 * {@code compacted} marks a segment written by log compaction (it may hold offset gaps); flushed
 * segments are not compacted. {@code abortedTxns}: transactions whose ABORT marker it holds.
 */
public record SegmentRecord(
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

  /** A transaction ended by an ABORT marker in this segment (marker at {@code lastOffset}). */
  public record AbortedTxn(long producerId, long firstOffset, long lastOffset) {}

  /** The first offset owner epoch {@code epoch} wrote within a segment. */
  public record EpochStart(int epoch, long startOffset) {}

  /**
   * {@code indexKey} is null when the segment has no index object; "" (proto3's "unset") means the
   * same.
   */
  public SegmentRecord {
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
  public static SegmentRecord flushed(
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
    return new SegmentRecord(
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
}
