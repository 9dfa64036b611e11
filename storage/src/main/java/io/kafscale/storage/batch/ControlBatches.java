/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.batch;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Encodes Kafka's transaction marker control batch: a magic-v2 batch with the control and
 * transactional attributes, no sequence, and one record whose key is (version 0, type: 0 ABORT, 1
 * COMMIT) and whose value is (version 0, coordinator epoch), as kafka-clients' EndTransactionMarker
 * writes it. Pure; each call returns a new heap buffer the caller owns.
 */
public final class ControlBatches {

  /** ControlRecordType ids. */
  public static final short ABORT = 0;

  public static final short COMMIT = 1;

  private static final int KEY_SIZE = 4;
  private static final int VALUE_SIZE = 6;
  // Record body after its length varint: attributes, timestamp delta, offset delta, key length,
  // key, value length, value, header count (all small varints of one byte).
  private static final int RECORD_BODY_SIZE = 1 + 1 + 1 + 1 + KEY_SIZE + 1 + VALUE_SIZE + 1;

  private ControlBatches() {}

  /** The marker batch at base offset 0 (the flush assigns the real offset). */
  public static ByteBuffer marker(
      long producerId,
      short producerEpoch,
      boolean commit,
      int coordinatorEpoch,
      int partitionLeaderEpoch,
      long timestamp) {
    int size = RecordBatchFormat.HEADER_SIZE + 1 + RECORD_BODY_SIZE;
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putLong(0L);
    b.putInt(size - RecordBatchFormat.LOG_OVERHEAD);
    b.putInt(partitionLeaderEpoch);
    b.put(RecordBatchFormat.MAGIC_V2);
    b.putInt(0); // CRC, filled in below
    b.putShort(
        (short) (RecordBatchFormat.CONTROL_FLAG_MASK | RecordBatchFormat.TRANSACTIONAL_FLAG_MASK));
    b.putInt(0); // last offset delta
    b.putLong(timestamp);
    b.putLong(timestamp);
    b.putLong(producerId);
    b.putShort(producerEpoch);
    b.putInt(-1); // base sequence: control batches carry none
    b.putInt(1); // record count
    b.put(zigzag(RECORD_BODY_SIZE));
    b.put((byte) 0); // record attributes
    b.put(zigzag(0)); // timestamp delta
    b.put(zigzag(0)); // offset delta
    b.put(zigzag(KEY_SIZE));
    b.putShort((short) 0); // key version
    b.putShort(commit ? COMMIT : ABORT);
    b.put(zigzag(VALUE_SIZE));
    b.putShort((short) 0); // value version
    b.putInt(coordinatorEpoch);
    b.put(zigzag(0)); // headers
    CRC32C crc = new CRC32C();
    crc.update(b.array(), RecordBatchFormat.CRC_START, size - RecordBatchFormat.CRC_START);
    b.putInt(RecordBatchFormat.CRC_OFFSET, (int) crc.getValue());
    b.flip();
    return b;
  }

  /** One-byte zigzag varint (values in [-64, 63]). */
  private static byte zigzag(int v) {
    return (byte) ((v << 1) ^ (v >> 31));
  }
}
