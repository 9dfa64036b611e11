/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.List;

/**
 * A committed segment reference as stored in the metadata store (mirror of storage's SegmentRef).
 * {@code compacted} marks a segment written by log compaction (it may hold offset gaps); flushed
 * segments are not compacted.
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
    List<EpochStart> epochStarts) {

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
  }

  /** A segment of one owner epoch. */
  public SegmentRecord(
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
      boolean compacted) {
    this(
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
        List.of());
  }

  /** A segment written by a flush (not compacted). */
  public SegmentRecord(
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
    this(
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
        false);
  }
}
