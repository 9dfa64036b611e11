/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.batch;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.RecordBatch;

/** Builds real record batches with kafka-clients' own builder, as a producer would send them. */
public final class TestBatches {

  /** Every codec a producer may use. */
  public static final List<String> CODECS = List.of("none", "gzip", "snappy", "lz4", "zstd");

  private TestBatches() {}

  /** A batch of {@code records} records, base offset 0, no producer id. */
  public static ByteBuffer batch(String codec, int records, int valueBytes, long seed) {
    return batch(
        codec,
        records,
        valueBytes,
        seed,
        RecordBatch.NO_PRODUCER_ID,
        RecordBatch.NO_PRODUCER_EPOCH,
        RecordBatch.NO_SEQUENCE);
  }

  /** A batch with idempotent-producer fields set. */
  public static ByteBuffer batch(
      String codec,
      int records,
      int valueBytes,
      long seed,
      long producerId,
      short producerEpoch,
      int baseSequence) {
    Random random = new Random(seed);
    ByteBuffer out = ByteBuffer.allocate(1024 + records * (valueBytes + 64));
    MemoryRecordsBuilder builder =
        MemoryRecords.builder(
            out,
            RecordBatch.MAGIC_VALUE_V2,
            Compression.of(codec).build(),
            TimestampType.CREATE_TIME,
            0L,
            RecordBatch.NO_TIMESTAMP,
            producerId,
            producerEpoch,
            baseSequence);
    long timestamp = 1_700_000_000_000L + random.nextInt(1_000_000);
    for (int i = 0; i < records; i++) {
      byte[] value = new byte[valueBytes];
      random.nextBytes(value);
      builder.append(timestamp + random.nextInt(1000), ("k" + i).getBytes(), value);
    }
    return builder.build().buffer();
  }

  /** A legacy message set (magic 1) with one small record. */
  public static ByteBuffer legacyV1Batch() {
    ByteBuffer out = ByteBuffer.allocate(256);
    MemoryRecordsBuilder builder =
        MemoryRecords.builder(
            out, RecordBatch.MAGIC_VALUE_V1, Compression.NONE, TimestampType.CREATE_TIME, 0L);
    builder.append(1_700_000_000_000L, "k".getBytes(), "v".getBytes());
    return builder.build().buffer();
  }

  /** Concatenates buffers into one new buffer. */
  public static ByteBuffer concat(List<ByteBuffer> buffers) {
    int size = buffers.stream().mapToInt(ByteBuffer::remaining).sum();
    ByteBuffer out = ByteBuffer.allocate(size);
    buffers.forEach(b -> out.put(b.duplicate()));
    return out.flip();
  }

  /** Copies a buffer (position to limit) into a new one. */
  public static ByteBuffer copy(ByteBuffer buffer) {
    return ByteBuffer.allocate(buffer.remaining()).put(buffer.duplicate()).flip();
  }

  /** Recomputes the CRC of the single batch starting at index 0 after a test patched it. */
  public static void recomputeCrc(ByteBuffer batch) {
    CRC32C crc = new CRC32C();
    crc.update(
        batch.slice(RecordBatchFormat.CRC_START, batch.limit() - RecordBatchFormat.CRC_START));
    batch.putInt(RecordBatchFormat.CRC_OFFSET, (int) crc.getValue());
  }
}
