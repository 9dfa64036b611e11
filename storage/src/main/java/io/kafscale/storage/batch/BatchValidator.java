/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.batch;

import static io.kafscale.storage.batch.RecordBatchFormat.CRC_OFFSET;
import static io.kafscale.storage.batch.RecordBatchFormat.CRC_START;
import static io.kafscale.storage.batch.RecordBatchFormat.HEADER_SIZE;
import static io.kafscale.storage.batch.RecordBatchFormat.LENGTH_OFFSET;
import static io.kafscale.storage.batch.RecordBatchFormat.LOG_OVERHEAD;
import static io.kafscale.storage.batch.RecordBatchFormat.MAGIC_OFFSET;

import io.kafscale.storage.log.StorageException.Reason;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Validates the record batches of one produce partition (the {@code records} field of a
 * ProduceRequest) the way Kafka's log layer does before appending: framing, magic v2, CRC32C,
 * record count against the offset delta, and the topic's maximum batch size. Stateless and
 * thread-safe; never modifies the buffers it is given (neither content nor position/limit).
 */
public final class BatchValidator {

  private BatchValidator() {}

  /**
   * Validates every batch in {@code records} between its position and limit.
   *
   * @param maxBatchBytes the topic's {@code max.message.bytes}: a batch larger than this is
   *     rejected
   * @return one header per batch, in order, with positions relative to {@code records.position()}
   * @throws BatchValidationException on the first invalid batch (nothing is partially accepted)
   */
  public static List<BatchHeader> validate(ByteBuffer records, int maxBatchBytes) {
    ByteBuffer buf = records.duplicate();
    int start = buf.position();
    int end = buf.limit();
    if (!buf.hasRemaining()) {
      throw new BatchValidationException(Reason.INVALID_RECORD, "produce request has no batches");
    }
    List<BatchHeader> headers = new ArrayList<>();
    int at = start;
    while (at < end) {
      int size = frameSize(buf, at, end - at, start);
      if (size > maxBatchBytes) {
        throw new BatchValidationException(
            Reason.MESSAGE_TOO_LARGE,
            "batch of " + size + " bytes exceeds max.message.bytes " + maxBatchBytes);
      }
      BatchHeader header = BatchHeaders.read(buf, at, at - start);
      checkCrc(buf, at, size, header.crc());
      checkCounts(header);
      headers.add(header);
      at += size;
    }
    return List.copyOf(headers);
  }

  /**
   * One read-only, zero-copy view per batch, in order. {@code headers} must come from {@link
   * #validate} on the same buffer with the same position.
   */
  public static List<ByteBuffer> slices(ByteBuffer records, List<BatchHeader> headers) {
    List<ByteBuffer> views = new ArrayList<>(headers.size());
    int base = records.position();
    for (BatchHeader h : headers) {
      views.add(records.slice(base + h.position(), h.sizeInBytes()).asReadOnlyBuffer());
    }
    return List.copyOf(views);
  }

  /**
   * Size of the batch at {@code at}, after checking that it is a complete v2 batch. The magic is
   * checked before the v2 minimum size so that a small legacy (v0/v1) message set is reported as
   * unsupported rather than as truncated; legacy entries share the offset/length/magic prefix.
   */
  private static int frameSize(ByteBuffer buf, int at, int remaining, int start) {
    if (remaining < MAGIC_OFFSET + 1) {
      throw corrupt("truncated batch at " + (at - start) + ": " + remaining + " bytes left");
    }
    long size = (long) buf.getInt(at + LENGTH_OFFSET) + LOG_OVERHEAD;
    if (size > remaining) {
      throw corrupt(
          "batch at " + (at - start) + " claims " + size + " bytes but " + remaining + " remain");
    }
    byte magic = buf.get(at + MAGIC_OFFSET);
    if (magic == 0 || magic == 1) {
      throw new BatchValidationException(
          Reason.UNSUPPORTED_FOR_MESSAGE_FORMAT, "magic v" + magic + " batches are not supported");
    }
    if (magic != RecordBatchFormat.MAGIC_V2) {
      throw corrupt("unknown batch magic " + magic + " at " + (at - start));
    }
    if (size < HEADER_SIZE) {
      throw corrupt("batch length at " + (at - start) + " is below the v2 header size");
    }
    return (int) size;
  }

  private static void checkCrc(ByteBuffer buf, int at, int size, int expected) {
    CRC32C crc = new CRC32C();
    crc.update(buf.slice(at + CRC_START, size - CRC_START));
    int actual = (int) crc.getValue();
    if (actual != expected) {
      throw corrupt(
          String.format(
              "batch CRC mismatch: stored %08x, computed %08x (CRC field at %d)",
              expected, actual, CRC_OFFSET));
    }
  }

  private static void checkCounts(BatchHeader h) {
    if (h.lastOffsetDelta() < 0) {
      throw new BatchValidationException(
          Reason.INVALID_RECORD, "negative last offset delta " + h.lastOffsetDelta());
    }
    if (h.recordCount() < 1) {
      throw new BatchValidationException(
          Reason.INVALID_RECORD, "batch has record count " + h.recordCount());
    }
    if ((long) h.recordCount() != (long) h.lastOffsetDelta() + 1) {
      throw new BatchValidationException(
          Reason.INVALID_RECORD,
          "record count "
              + h.recordCount()
              + " does not match last offset delta "
              + h.lastOffsetDelta());
    }
  }

  private static BatchValidationException corrupt(String message) {
    return new BatchValidationException(Reason.CORRUPT_MESSAGE, message);
  }
}
