/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api;

import io.kafscale.protocol.records.RecordBatches;
import io.kafscale.protocol.records.ZeroCopyWritable;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Hand-encoded uncompressed magic-v2 record batches for handler tests (values "v&lt;i&gt;", keys
 * "k&lt;i&gt;", chosen timestamps), and readers of batch headers in fetch responses.
 */
public final class TestRecords {
  private TestRecords() {}

  /** One batch with one record per timestamp, no producer id. */
  public static ByteBuffer batch(long... timestamps) {
    return batch(-1L, (short) -1, -1, timestamps);
  }

  public static ByteBuffer batch(
      long producerId, short epoch, int baseSequence, long... timestamps) {
    ByteArrayOutputStream records = new ByteArrayOutputStream();
    long max = Long.MIN_VALUE;
    for (int i = 0; i < timestamps.length; i++) {
      max = Math.max(max, timestamps[i]);
      ByteArrayOutputStream r = new ByteArrayOutputStream();
      r.write(0);
      varlong(r, timestamps[i] - timestamps[0]);
      varlong(r, i);
      bytes(r, ("k" + i).getBytes(StandardCharsets.UTF_8));
      bytes(r, ("v" + i).getBytes(StandardCharsets.UTF_8));
      varlong(r, 0);
      varlong(records, r.size());
      records.writeBytes(r.toByteArray());
    }
    byte[] body = records.toByteArray();
    ByteBuffer b = ByteBuffer.allocate(61 + body.length);
    b.putLong(0).putInt(49 + body.length).putInt(-1).put((byte) 2).putInt(0);
    b.putShort((short) 0).putInt(timestamps.length - 1).putLong(timestamps[0]).putLong(max);
    b.putLong(producerId).putShort(epoch).putInt(baseSequence).putInt(timestamps.length).put(body);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 21, b.capacity() - 21);
    b.putInt(17, (int) crc.getValue());
    return b.flip();
  }

  private static void bytes(ByteArrayOutputStream out, byte[] value) {
    varlong(out, value.length);
    out.writeBytes(value);
  }

  private static void varlong(ByteArrayOutputStream out, long value) {
    long v = (value << 1) ^ (value >> 63);
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  /** Records for a produce request (one buffer holding one or more batches). */
  public static org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData partition(
      int index, ByteBuffer batches) {
    return new org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData()
        .setIndex(index)
        .setRecords(RecordBatches.fetchRecords(List.of(batches)));
  }

  /** The batches of a fetch response partition (its records field, as written to the wire). */
  public static List<ByteBuffer> batches(
      org.apache.kafka.common.message.FetchResponseData.PartitionData partition) {
    Collector collector = new Collector();
    collector.writeRecords(partition.records());
    return collector.batches;
  }

  /** Base offsets of the batches of a fetch response partition. */
  public static List<Long> baseOffsets(
      org.apache.kafka.common.message.FetchResponseData.PartitionData partition) {
    List<Long> out = new ArrayList<>();
    for (ByteBuffer b : batches(partition)) {
      out.add(b.getLong(b.position()));
    }
    return out;
  }

  /** Splits appended record bytes into batches by their length fields. */
  private static final class Collector extends ZeroCopyWritable {
    final List<ByteBuffer> batches = new ArrayList<>();

    @Override
    protected void appendRecordBytes(ByteBuffer bytes) {
      ByteBuffer b = bytes.duplicate();
      while (b.remaining() >= 12) {
        int size = 12 + b.getInt(b.position() + 8);
        batches.add(b.slice(b.position(), size));
        b.position(b.position() + size);
      }
    }

    @Override
    public void writeByte(byte v) {}

    @Override
    public void writeShort(short v) {}

    @Override
    public void writeInt(int v) {}

    @Override
    public void writeLong(long v) {}

    @Override
    public void writeDouble(double v) {}

    @Override
    public void writeByteArray(byte[] v) {}

    @Override
    public void writeUnsignedVarint(int v) {}

    @Override
    public void writeByteBuffer(ByteBuffer v) {}

    @Override
    public void writeVarint(int v) {}

    @Override
    public void writeVarlong(long v) {}
  }
}
