/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.segment;

import io.kafscale.storage.batch.BatchHeader;
import io.kafscale.storage.batch.BatchHeaders;
import io.kafscale.storage.batch.RecordBatchFormat;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Turns validated record batches into one segment object and its index, assigning dense offsets.
 * Pure and thread-safe. Each input batch is copied exactly once, into a new heap buffer of the
 * exact segment size; the input buffers (content, position, limit) are not modified, so they may be
 * read-only slices of request buffers.
 */
public final class SegmentEncoder {

  private SegmentEncoder() {}

  /**
   * Encodes {@code batches} (each buffer holds exactly one v2 batch between position and limit,
   * already checked by {@code BatchValidator}). Batch {@code i} gets base offset = last offset of
   * batch {@code i-1} + 1, the first gets {@code baseOffset}.
   *
   * @param indexIntervalBytes a new index entry is added when at least this many batch bytes have
   *     passed since the previous entry (0 = one entry per batch)
   * @throws IllegalArgumentException if there is no batch or a buffer is not one whole batch
   */
  public static EncodedSegment encode(
      List<ByteBuffer> batches, long baseOffset, long createdAtMs, int indexIntervalBytes) {
    if (batches.isEmpty()) {
      throw new IllegalArgumentException("a segment needs at least one batch");
    }
    if (baseOffset < 0 || indexIntervalBytes < 0) {
      throw new IllegalArgumentException("negative base offset or index interval");
    }
    List<BatchHeader> headers = readHeaders(batches);
    long bodySize = 0;
    for (BatchHeader h : headers) {
      bodySize += h.sizeInBytes();
    }
    long total = SegmentFormat.HEADER_SIZE + bodySize + SegmentFormat.FOOTER_SIZE;
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("segment of " + total + " bytes is too large");
    }
    ByteBuffer out = ByteBuffer.allocate((int) total);
    long[] assigned = new long[batches.size()];
    List<SegmentIndex.Entry> entries = new ArrayList<>();
    long nextOffset = baseOffset;
    int recordCount = 0;
    long maxTimestamp = headers.get(0).maxTimestamp();
    int at = SegmentFormat.HEADER_SIZE;
    int lastIndexed = Integer.MIN_VALUE;
    for (int i = 0; i < batches.size(); i++) {
      ByteBuffer src = batches.get(i);
      BatchHeader h = headers.get(i);
      out.put(at, src, src.position(), h.sizeInBytes());
      RecordBatchFormat.setBaseOffset(out.slice(at, h.sizeInBytes()), nextOffset);
      assigned[i] = nextOffset;
      if (lastIndexed == Integer.MIN_VALUE || at - lastIndexed >= indexIntervalBytes) {
        entries.add(new SegmentIndex.Entry(nextOffset, at));
        lastIndexed = at;
      }
      nextOffset += h.lastOffsetDelta() + 1L;
      recordCount = Math.addExact(recordCount, h.recordCount());
      maxTimestamp = Math.max(maxTimestamp, h.maxTimestamp());
      at += h.sizeInBytes();
    }
    long lastOffset = nextOffset - 1;
    int crc = crcOf(out.slice(SegmentFormat.HEADER_SIZE, (int) bodySize));
    writeHeader(out, baseOffset, recordCount, createdAtMs);
    out.putInt(at + SegmentFormat.FOOTER_CRC_OFFSET, crc)
        .putLong(at + SegmentFormat.FOOTER_LAST_OFFSET_OFFSET, lastOffset)
        .putInt(at + SegmentFormat.FOOTER_MAGIC_OFFSET, SegmentFormat.FOOTER_MAGIC);
    return new EncodedSegment(
        out,
        SegmentIndex.encode(entries, indexIntervalBytes),
        baseOffset,
        lastOffset,
        recordCount,
        maxTimestamp,
        crc,
        assigned);
  }

  /**
   * Encodes compacted batches keeping their own base offsets (which must increase, each batch
   * starting after the previous one ends) into a segment covering {@code [baseOffset, lastOffset]},
   * flagged {@link SegmentFormat#FLAG_OFFSET_GAPS}. Used by log compaction, whose batches leave
   * gaps; {@link EncodedSegment#batchBaseOffsets()} are the batches' own offsets.
   *
   * @throws IllegalArgumentException if there is no batch or the batches fall outside the range
   */
  public static EncodedSegment encodeWithGaps(
      List<ByteBuffer> batches,
      long baseOffset,
      long lastOffset,
      long createdAtMs,
      int indexIntervalBytes) {
    if (batches.isEmpty()) {
      throw new IllegalArgumentException("a segment needs at least one batch");
    }
    List<BatchHeader> headers = readHeaders(batches);
    long bodySize = 0;
    long previousLast = baseOffset - 1;
    for (BatchHeader h : headers) {
      if (h.baseOffset() <= previousLast) {
        throw new IllegalArgumentException(
            "batch at " + h.baseOffset() + " overlaps its predecessor");
      }
      previousLast = h.lastOffset();
      bodySize += h.sizeInBytes();
    }
    if (previousLast > lastOffset) {
      throw new IllegalArgumentException("batches end after " + lastOffset);
    }
    long total = SegmentFormat.HEADER_SIZE + bodySize + SegmentFormat.FOOTER_SIZE;
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("segment of " + total + " bytes is too large");
    }
    ByteBuffer out = ByteBuffer.allocate((int) total);
    long[] assigned = new long[batches.size()];
    List<SegmentIndex.Entry> entries = new ArrayList<>();
    int recordCount = 0;
    long maxTimestamp = headers.get(0).maxTimestamp();
    int at = SegmentFormat.HEADER_SIZE;
    int lastIndexed = Integer.MIN_VALUE;
    for (int i = 0; i < batches.size(); i++) {
      ByteBuffer src = batches.get(i);
      BatchHeader h = headers.get(i);
      out.put(at, src, src.position(), h.sizeInBytes());
      assigned[i] = h.baseOffset();
      if (lastIndexed == Integer.MIN_VALUE || at - lastIndexed >= indexIntervalBytes) {
        entries.add(new SegmentIndex.Entry(h.baseOffset(), at));
        lastIndexed = at;
      }
      recordCount = Math.addExact(recordCount, h.recordCount());
      maxTimestamp = Math.max(maxTimestamp, h.maxTimestamp());
      at += h.sizeInBytes();
    }
    int crc = crcOf(out.slice(SegmentFormat.HEADER_SIZE, (int) bodySize));
    writeHeader(out, baseOffset, recordCount, createdAtMs);
    out.putShort(SegmentFormat.HEADER_FLAGS_OFFSET, SegmentFormat.FLAG_OFFSET_GAPS);
    out.putInt(at + SegmentFormat.FOOTER_CRC_OFFSET, crc)
        .putLong(at + SegmentFormat.FOOTER_LAST_OFFSET_OFFSET, lastOffset)
        .putInt(at + SegmentFormat.FOOTER_MAGIC_OFFSET, SegmentFormat.FOOTER_MAGIC);
    return new EncodedSegment(
        out,
        SegmentIndex.encode(entries, indexIntervalBytes),
        baseOffset,
        lastOffset,
        recordCount,
        maxTimestamp,
        crc,
        assigned);
  }

  static int crcOf(ByteBuffer region) {
    CRC32C crc = new CRC32C();
    crc.update(region.duplicate());
    return (int) crc.getValue();
  }

  private static List<BatchHeader> readHeaders(List<ByteBuffer> batches) {
    List<BatchHeader> headers = new ArrayList<>(batches.size());
    for (int i = 0; i < batches.size(); i++) {
      ByteBuffer b = batches.get(i);
      if (b.remaining() < RecordBatchFormat.HEADER_SIZE) {
        throw new IllegalArgumentException("batch " + i + " is shorter than a v2 header");
      }
      BatchHeader h = BatchHeaders.read(b, b.position(), 0);
      if (h.sizeInBytes() != b.remaining() || h.lastOffsetDelta() < 0) {
        throw new IllegalArgumentException(
            "buffer " + i + " is not exactly one batch (" + b.remaining() + " bytes)");
      }
      headers.add(h);
    }
    return headers;
  }

  private static void writeHeader(ByteBuffer out, long baseOffset, int count, long createdAtMs) {
    out.putInt(SegmentFormat.HEADER_MAGIC_OFFSET, SegmentFormat.SEGMENT_MAGIC)
        .putShort(SegmentFormat.HEADER_VERSION_OFFSET, SegmentFormat.SEGMENT_VERSION)
        .putShort(SegmentFormat.HEADER_FLAGS_OFFSET, (short) 0)
        .putLong(SegmentFormat.HEADER_BASE_OFFSET_OFFSET, baseOffset)
        .putInt(SegmentFormat.HEADER_RECORD_COUNT_OFFSET, count)
        .putLong(SegmentFormat.HEADER_CREATED_MS_OFFSET, createdAtMs)
        .putInt(SegmentFormat.HEADER_RESERVED_OFFSET, 0);
  }
}
