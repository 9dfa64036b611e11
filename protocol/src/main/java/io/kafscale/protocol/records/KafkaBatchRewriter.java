/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.records;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongPredicate;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.internals.BufferSupplier;
import org.apache.kafka.common.utils.internals.CloseableIterator;

/**
 * Log compaction's view into record batches, on kafka-clients: lists a batch's records (offset,
 * key, tombstone) and rebuilds a batch keeping only chosen records with kafka-clients' builder
 * (base offset, offsets, producer fields, transactional flag and compression are preserved; every
 * codec is supported). Shaped with plain JDK types so storage's {@code BatchRewriter} port can wrap
 * it without either module depending on the other. Stateless and thread-safe; input buffers are
 * never modified.
 */
public final class KafkaBatchRewriter {

  /** Receives the records of a batch in offset order (key null when absent). */
  @FunctionalInterface
  public interface RecordSink {
    void record(long offset, ByteBuffer key, boolean tombstone);
  }

  private KafkaBatchRewriter() {}

  /** Calls {@code sink} for every record of {@code batch} (one magic-v2 batch). */
  public static void scan(ByteBuffer batch, RecordSink sink) {
    RecordBatch b = only(batch);
    try (CloseableIterator<Record> records = b.streamingIterator(BufferSupplier.NO_CACHING)) {
      while (records.hasNext()) {
        Record r = records.next();
        ByteBuffer key = r.hasKey() ? r.key().asReadOnlyBuffer() : null;
        sink.record(r.offset(), key, !r.hasValue());
      }
    }
  }

  /**
   * A new batch with the records of {@code batch} whose offset {@code keep} accepts, or null when
   * none is kept. A batch whose records are all kept comes back as an unchanged copy. Rebuilt with
   * {@code MemoryRecordsBuilder} rather than {@code MemoryRecords.filterTo}, which would stamp a
   * delete horizon into the first-timestamp field of batches holding tombstones.
   */
  public static ByteBuffer retain(ByteBuffer batch, LongPredicate keep) {
    RecordBatch b = only(batch);
    List<Record> kept = new ArrayList<>();
    int total = 0;
    try (CloseableIterator<Record> records = b.streamingIterator(BufferSupplier.NO_CACHING)) {
      while (records.hasNext()) {
        Record r = records.next();
        total++;
        if (keep.test(r.offset())) {
          kept.add(r);
        }
      }
    }
    if (kept.isEmpty()) {
      return null;
    }
    if (kept.size() == total) {
      ByteBuffer copy = ByteBuffer.allocate(b.sizeInBytes());
      copy.put(batch.duplicate().limit(batch.position() + b.sizeInBytes())).flip();
      return copy;
    }
    boolean logAppend = b.timestampType() == TimestampType.LOG_APPEND_TIME;
    MemoryRecordsBuilder builder =
        MemoryRecords.builder(
            ByteBuffer.allocate(Math.max(64, b.sizeInBytes())),
            RecordBatch.MAGIC_VALUE_V2,
            Compression.of(b.compressionType()).build(),
            b.timestampType(),
            b.baseOffset(),
            logAppend ? b.maxTimestamp() : RecordBatch.NO_TIMESTAMP,
            b.producerId(),
            b.producerEpoch(),
            b.baseSequence(),
            b.isTransactional(),
            b.isControlBatch(),
            b.partitionLeaderEpoch());
    for (Record r : kept) {
      builder.appendWithOffset(r.offset(), r.timestamp(), r.key(), r.value(), r.headers());
    }
    // As Kafka's cleaner: the batch keeps covering its original offsets (lastOffsetDelta), so the
    // producer state and the next batch's offset derived from it do not move.
    builder.overrideLastOffset(b.lastOffset());
    ByteBuffer built = builder.build().buffer();
    ByteBuffer copy = ByteBuffer.allocate(built.remaining());
    copy.put(built).flip();
    return copy;
  }

  /**
   * A zero-record batch header standing in for {@code batch} when compaction removed all its
   * records, as Kafka's {@code DefaultRecordBatch.writeEmptyHeader} does: same base and last
   * offset, producer id/epoch/base sequence, partition leader epoch, timestamp type, transactional
   * and control flags, with the batch's max timestamp. It keeps the batch's offsets (and its epoch)
   * covered by a batch. The returned buffer is owned by the caller.
   */
  public static ByteBuffer emptyHeader(ByteBuffer batch) {
    RecordBatch b = only(batch);
    ByteBuffer header = ByteBuffer.allocate(DefaultRecordBatch.RECORD_BATCH_OVERHEAD);
    DefaultRecordBatch.writeEmptyHeader(
        header,
        RecordBatch.MAGIC_VALUE_V2,
        b.producerId(),
        b.producerEpoch(),
        b.baseSequence(),
        b.baseOffset(),
        b.lastOffset(),
        b.partitionLeaderEpoch(),
        b.timestampType(),
        b.maxTimestamp(),
        b.isTransactional(),
        b.isControlBatch());
    header.flip();
    return header;
  }

  private static RecordBatch only(ByteBuffer batch) {
    Iterator<MutableRecordBatch> it =
        MemoryRecords.readableRecords(batch.duplicate()).batches().iterator();
    if (!it.hasNext()) {
      throw new IllegalArgumentException("buffer holds no whole batch");
    }
    MutableRecordBatch b = it.next();
    if (b.magic() != RecordBatch.MAGIC_VALUE_V2) {
      throw new IllegalArgumentException("batch has magic " + b.magic() + ", expected 2");
    }
    return b;
  }
}
