/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;

/** Record batches built with kafka-clients, as a producer would send them. */
final class LogTestBatches {

  static final long TIMESTAMP = 1_700_000_000_000L;

  private LogTestBatches() {}

  static SimpleRecord[] records(int count, int valueBytes, long timestamp) {
    SimpleRecord[] out = new SimpleRecord[count];
    for (int i = 0; i < count; i++) {
      byte[] value = new byte[valueBytes];
      for (int j = 0; j < valueBytes; j++) {
        value[j] = (byte) (i + j);
      }
      out[i] = new SimpleRecord(timestamp + i, ("k" + i).getBytes(), value);
    }
    return out;
  }

  /** A batch of {@code count} records without producer id. */
  static ByteBuffer plain(int count, int valueBytes) {
    return plain(count, valueBytes, TIMESTAMP);
  }

  static ByteBuffer plain(int count, int valueBytes, long timestamp) {
    return MemoryRecords.withRecords(Compression.NONE, records(count, valueBytes, timestamp))
        .buffer();
  }

  static ByteBuffer idempotent(long producerId, short epoch, int baseSequence, int count) {
    return MemoryRecords.withIdempotentRecords(
            Compression.NONE, producerId, epoch, baseSequence, records(count, 10, TIMESTAMP))
        .buffer();
  }

  static ByteBuffer transactional(long producerId, short epoch, int baseSequence) {
    return MemoryRecords.withTransactionalRecords(
            Compression.NONE, producerId, epoch, baseSequence, records(1, 10, TIMESTAMP))
        .buffer();
  }

  static ByteBuffer controlMarker(long producerId, short epoch) {
    return MemoryRecords.withEndTransactionMarker(
            producerId, epoch, new EndTransactionMarker(ControlRecordType.COMMIT, 0))
        .buffer();
  }

  /** Offsets of every record in {@code batches}, in order. */
  static List<Long> offsets(List<ByteBuffer> batches) {
    List<Long> out = new ArrayList<>();
    for (ByteBuffer b : batches) {
      for (RecordBatch batch : MemoryRecords.readableRecords(b.duplicate()).batches()) {
        batch.forEach(r -> out.add(r.offset()));
      }
    }
    return out;
  }

  /** Each batch as (base offset, last offset, max timestamp, timestamp type, crc valid). */
  static List<RecordBatch> parse(List<ByteBuffer> batches) {
    List<RecordBatch> out = new ArrayList<>();
    for (ByteBuffer b : batches) {
      MemoryRecords.readableRecords(b.duplicate()).batches().forEach(out::add);
    }
    return out;
  }

  static byte[] bytes(List<ByteBuffer> batches) {
    int size = batches.stream().mapToInt(ByteBuffer::remaining).sum();
    ByteBuffer all = ByteBuffer.allocate(size);
    batches.forEach(b -> all.put(b.duplicate()));
    return all.array();
  }
}
