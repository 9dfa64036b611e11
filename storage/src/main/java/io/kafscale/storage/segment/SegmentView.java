/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.segment;

import io.kafscale.storage.batch.BatchHeader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed, checked segment held in memory. Immutable and thread-safe: it keeps a read-only view of
 * the segment bytes and hands out read-only slices of them (no copies). The bytes stay shared with
 * the buffer given to {@link SegmentReader#parse}, whose owner must not modify them.
 */
public final class SegmentView {

  private final ByteBuffer bytes;
  private final List<BatchHeader> batches;
  private final long baseOffset;
  private final long lastOffset;
  private final int recordCount;
  private final long createdAtMs;
  private final int crc;

  SegmentView(
      ByteBuffer bytes,
      List<BatchHeader> batches,
      long baseOffset,
      long lastOffset,
      int recordCount,
      long createdAtMs,
      int crc) {
    this.bytes = bytes;
    this.batches = List.copyOf(batches);
    this.baseOffset = baseOffset;
    this.lastOffset = lastOffset;
    this.recordCount = recordCount;
    this.createdAtMs = createdAtMs;
    this.crc = crc;
  }

  public long baseOffset() {
    return baseOffset;
  }

  public long lastOffset() {
    return lastOffset;
  }

  public int recordCount() {
    return recordCount;
  }

  public long createdAtMs() {
    return createdAtMs;
  }

  /** CRC-32C of the batch region, as stored in (and checked against) the footer. */
  public int crc() {
    return crc;
  }

  /** Size of the whole segment object in bytes. */
  public int sizeInBytes() {
    return bytes.capacity();
  }

  /** Largest batch max timestamp in the segment. */
  public long maxTimestamp() {
    long max = batches.get(0).maxTimestamp();
    for (BatchHeader h : batches) {
      max = Math.max(max, h.maxTimestamp());
    }
    return max;
  }

  /** Batch headers in order; positions are relative to the segment start. */
  public List<BatchHeader> batches() {
    return batches;
  }

  /** Read-only view of batch {@code i} (position 0, limit = batch size). */
  public ByteBuffer batch(int i) {
    BatchHeader h = batches.get(i);
    return bytes.slice(h.position(), h.sizeInBytes());
  }

  /**
   * Read-only views of the whole batches a fetch at {@code fetchOffset} returns: see {@link
   * SegmentReader#selectBatches}.
   */
  public List<ByteBuffer> read(long fetchOffset, int maxBytes, boolean minOneBatch) {
    List<BatchHeader> selected =
        SegmentReader.selectBatches(batches, fetchOffset, maxBytes, minOneBatch);
    List<ByteBuffer> views = new ArrayList<>(selected.size());
    for (BatchHeader h : selected) {
      views.add(bytes.slice(h.position(), h.sizeInBytes()));
    }
    return views;
  }
}
