/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.records;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.utils.internals.BufferSupplier;
import org.apache.kafka.common.utils.internals.CloseableIterator;

/**
 * The adapter between kafka-clients' record types (which moved to internal packages in 4.3) and
 * plain {@link ByteBuffer}s, which is all the rest of Kafscale handles. Stateless and thread-safe.
 */
public final class RecordBatches {
  private static final ByteBuffer NO_BYTES = ByteBuffer.allocate(0).asReadOnlyBuffer();

  private RecordBatches() {}

  /**
   * The bytes of a produce partition's records field, as a view (no copy). For records read by
   * {@code ByteBufReadable} the view points into the request frame, so it is valid only while the
   * {@code RequestFrame} is open (retain the frame to keep it). {@code null} (no records) gives an
   * empty buffer.
   */
  public static ByteBuffer produceRecords(BaseRecords records) {
    return switch (records) {
      case null -> NO_BYTES.duplicate();
      case MemoryRecords memory -> memory.buffer();
      case StoredRecords stored when stored.batches().size() == 1 ->
          stored.batches().getFirst().duplicate();
      default ->
          throw new IllegalArgumentException(
              "not a contiguous records buffer: " + records.getClass().getName());
    };
  }

  /**
   * Records for a fetch response made of whole stored batches, written zero-copy by {@code
   * KafkaFrameEncoder}; its size is the sum of the buffers' remaining bytes. The buffers are not
   * copied: keep them unchanged until the response has been written.
   */
  public static BaseRecords fetchRecords(List<ByteBuffer> batches) {
    return batches.isEmpty() ? empty() : new StoredRecords(batches);
  }

  /** Records of size zero, for partitions with nothing to return. */
  public static BaseRecords empty() {
    return MemoryRecords.EMPTY;
  }

  /**
   * The first record of {@code batch} (one magic v2 batch, possibly compressed) whose timestamp is
   * at or after {@code timestamp}, or empty when there is none. Decompresses only when the batch's
   * max timestamp says a match exists.
   */
  public static Optional<TimestampedOffset> firstOffsetAtOrAfter(ByteBuffer batch, long timestamp) {
    MutableRecordBatch recordBatch = onlyBatch(batch);
    if (recordBatch.maxTimestamp() < timestamp) {
      return Optional.empty();
    }
    try (CloseableIterator<Record> records =
        recordBatch.streamingIterator(BufferSupplier.NO_CACHING)) {
      while (records.hasNext()) {
        Record record = records.next();
        if (record.timestamp() >= timestamp) {
          return Optional.of(new TimestampedOffset(record.offset(), record.timestamp()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The first record of {@code batch} carrying the batch's largest timestamp (ListOffsets with
   * MAX_TIMESTAMP), or empty for a batch without records.
   */
  public static Optional<TimestampedOffset> maxTimestampRecord(ByteBuffer batch) {
    MutableRecordBatch recordBatch = onlyBatch(batch);
    return firstOffsetAtOrAfter(batch, recordBatch.maxTimestamp())
        .filter(found -> found.timestamp() == recordBatch.maxTimestamp());
  }

  private static MutableRecordBatch onlyBatch(ByteBuffer batch) {
    Iterator<MutableRecordBatch> batches =
        MemoryRecords.readableRecords(batch.duplicate()).batches().iterator();
    if (!batches.hasNext()) {
      throw new IllegalArgumentException("buffer holds no complete record batch");
    }
    return batches.next();
  }
}
