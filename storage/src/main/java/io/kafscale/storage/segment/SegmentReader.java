/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.segment;

import static io.kafscale.storage.segment.SegmentFormat.FOOTER_SIZE;
import static io.kafscale.storage.segment.SegmentFormat.HEADER_SIZE;

import io.kafscale.storage.batch.BatchHeader;
import io.kafscale.storage.batch.BatchHeaders;
import io.kafscale.storage.batch.RecordBatchFormat;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses segment objects (whole, or a byte range of their body fetched with a ranged GET) and picks
 * the batches a fetch should return. Pure and thread-safe; never copies or modifies batch bytes.
 */
public final class SegmentReader {

  private SegmentReader() {}

  /**
   * Parses and fully checks a whole segment object between the buffer's position and limit: header
   * magic and version, footer magic, CRC-32C of the body, batch framing, and that the header's base
   * offset and record count and the footer's last offset agree with the batches (for a segment
   * flagged {@link SegmentFormat#FLAG_OFFSET_GAPS}: that the batches increase within that range).
   * Other flags and the reserved field are not checked, so a future writer may use them.
   *
   * @throws CorruptSegmentException on any mismatch
   */
  public static SegmentView parse(ByteBuffer segmentBytes) {
    return parse(segmentBytes, true);
  }

  /**
   * Like {@link #parse}, without recomputing the body CRC-32C: for bytes this process has just
   * encoded ({@link SegmentEncoder} computed the footer CRC from these very bytes), so a third pass
   * over every byte of a flush would check nothing. The rest is checked as by {@link #parse}.
   *
   * @throws CorruptSegmentException on any mismatch
   */
  public static SegmentView parseEncoded(ByteBuffer segmentBytes) {
    return parse(segmentBytes, false);
  }

  private static SegmentView parse(ByteBuffer segmentBytes, boolean checkCrc) {
    ByteBuffer buf = segmentBytes.slice().asReadOnlyBuffer();
    int size = buf.remaining();
    if (size < HEADER_SIZE + FOOTER_SIZE) {
      throw new CorruptSegmentException("segment is " + size + " bytes, below header + footer");
    }
    int magic = buf.getInt(SegmentFormat.HEADER_MAGIC_OFFSET);
    if (magic != SegmentFormat.SEGMENT_MAGIC) {
      throw new CorruptSegmentException(String.format("bad segment magic %08x", magic));
    }
    short version = buf.getShort(SegmentFormat.HEADER_VERSION_OFFSET);
    if (version != SegmentFormat.SEGMENT_VERSION) {
      throw new CorruptSegmentException("unsupported segment version " + version);
    }
    int footer = size - FOOTER_SIZE;
    int footerMagic = buf.getInt(footer + SegmentFormat.FOOTER_MAGIC_OFFSET);
    if (footerMagic != SegmentFormat.FOOTER_MAGIC) {
      throw new CorruptSegmentException(String.format("bad footer magic %08x", footerMagic));
    }
    int storedCrc = buf.getInt(footer + SegmentFormat.FOOTER_CRC_OFFSET);
    if (checkCrc) {
      int actualCrc = SegmentEncoder.crcOf(buf.slice(HEADER_SIZE, footer - HEADER_SIZE));
      if (storedCrc != actualCrc) {
        throw new CorruptSegmentException(
            String.format("segment CRC mismatch: footer %08x, body %08x", storedCrc, actualCrc));
      }
    }
    List<BatchHeader> batches = scanWhole(buf, footer);
    long baseOffset = buf.getLong(SegmentFormat.HEADER_BASE_OFFSET_OFFSET);
    int recordCount = buf.getInt(SegmentFormat.HEADER_RECORD_COUNT_OFFSET);
    long lastOffset = buf.getLong(footer + SegmentFormat.FOOTER_LAST_OFFSET_OFFSET);
    boolean gaps =
        (buf.getShort(SegmentFormat.HEADER_FLAGS_OFFSET) & SegmentFormat.FLAG_OFFSET_GAPS) != 0;
    checkSummary(batches, baseOffset, recordCount, lastOffset, gaps);
    return new SegmentView(
        buf,
        batches,
        baseOffset,
        lastOffset,
        recordCount,
        buf.getLong(SegmentFormat.HEADER_CREATED_MS_OFFSET),
        storedCrc);
  }

  /**
   * Headers of the whole batches in {@code bodyBytes} (position to limit), e.g. a ranged GET of a
   * segment starting at an index position. A trailing partial batch (including footer bytes a range
   * may have caught) is ignored. The buffer is not modified.
   *
   * @param positionBase added to each batch's offset within {@code bodyBytes}: pass the range start
   *     to get positions relative to the segment start
   * @throws CorruptSegmentException if a batch length is below the v2 header size
   */
  public static List<BatchHeader> scanBatches(ByteBuffer bodyBytes, long positionBase) {
    ByteBuffer buf = bodyBytes.slice();
    List<BatchHeader> headers = new ArrayList<>();
    int at = 0;
    int end = buf.remaining();
    while (end - at >= RecordBatchFormat.HEADER_SIZE) {
      BatchHeader h = BatchHeaders.read(buf, at, Math.toIntExact(positionBase + at));
      if (h.sizeInBytes() < RecordBatchFormat.HEADER_SIZE) {
        throw new CorruptSegmentException("batch at " + (positionBase + at) + " has a bad length");
      }
      if (h.sizeInBytes() > end - at) {
        break;
      }
      headers.add(h);
      at += h.sizeInBytes();
    }
    return List.copyOf(headers);
  }

  /**
   * The batches a fetch at {@code fetchOffset} returns from {@code batches} (sorted by offset):
   * whole batches starting with the first one whose last offset is ≥ {@code fetchOffset} (the batch
   * containing it), while their total size stays ≤ {@code maxBytes}. With {@code minOneBatch} the
   * first batch is returned even if larger, as Kafka does so consumers cannot get stuck. Empty when
   * {@code fetchOffset} is beyond the last batch.
   */
  public static List<BatchHeader> selectBatches(
      List<BatchHeader> batches, long fetchOffset, int maxBytes, boolean minOneBatch) {
    int first = firstBatchEndingAtOrAfter(batches, fetchOffset);
    List<BatchHeader> selected = new ArrayList<>();
    long total = 0;
    for (int i = first; i < batches.size(); i++) {
      BatchHeader h = batches.get(i);
      if (total + h.sizeInBytes() > maxBytes && !(selected.isEmpty() && minOneBatch)) {
        break;
      }
      selected.add(h);
      total += h.sizeInBytes();
    }
    return selected;
  }

  private static int firstBatchEndingAtOrAfter(List<BatchHeader> batches, long offset) {
    int lo = 0;
    int hi = batches.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (batches.get(mid).lastOffset() < offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static List<BatchHeader> scanWhole(ByteBuffer buf, int footer) {
    List<BatchHeader> batches =
        scanBatches(buf.slice(HEADER_SIZE, footer - HEADER_SIZE), HEADER_SIZE);
    int covered = HEADER_SIZE;
    for (BatchHeader h : batches) {
      if (h.magic() != RecordBatchFormat.MAGIC_V2) {
        throw new CorruptSegmentException("batch at " + h.position() + " has magic " + h.magic());
      }
      covered += h.sizeInBytes();
    }
    if (covered != footer) {
      throw new CorruptSegmentException(
          "batches end at " + covered + " but the footer starts at " + footer);
    }
    if (batches.isEmpty()) {
      throw new CorruptSegmentException("segment has no batches");
    }
    return batches;
  }

  private static void checkSummary(
      List<BatchHeader> batches, long baseOffset, int recordCount, long lastOffset, boolean gaps) {
    long expectedNext = baseOffset;
    long count = 0;
    for (BatchHeader h : batches) {
      boolean misplaced = gaps ? h.baseOffset() < expectedNext : h.baseOffset() != expectedNext;
      if (misplaced) {
        throw new CorruptSegmentException(
            "batch at "
                + h.position()
                + " has base offset "
                + h.baseOffset()
                + ", expected "
                + expectedNext);
      }
      expectedNext = h.lastOffset() + 1;
      count += h.recordCount();
    }
    if (count != recordCount) {
      throw new CorruptSegmentException(
          "header record count " + recordCount + " but batches hold " + count);
    }
    if (gaps ? expectedNext - 1 > lastOffset : expectedNext - 1 != lastOffset) {
      throw new CorruptSegmentException(
          "footer last offset " + lastOffset + " but batches end at " + (expectedNext - 1));
    }
  }
}
