/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import io.kafscale.storage.batch.RecordBatchFormat;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Applies LogAppendTime to a copy of a v2 batch the way Kafka's broker does: sets the timestamp
 * type bit in the attributes, sets the batch max timestamp to the append time, and recomputes the
 * CRC (which covers both). Record timestamps inside are left as sent; consumers of LogAppendTime
 * batches use the batch max timestamp for every record. Pure and thread-safe.
 */
final class LogAppendTimeStamper {

  private LogAppendTimeStamper() {}

  /**
   * A new heap buffer holding {@code batch} (position to limit) stamped with {@code appendTimeMs}.
   */
  static ByteBuffer stamp(ByteBuffer batch, long appendTimeMs) {
    ByteBuffer copy = ByteBuffer.allocate(batch.remaining());
    copy.put(0, batch, batch.position(), batch.remaining());
    short attributes = copy.getShort(RecordBatchFormat.ATTRIBUTES_OFFSET);
    copy.putShort(
        RecordBatchFormat.ATTRIBUTES_OFFSET,
        (short) (attributes | RecordBatchFormat.TIMESTAMP_TYPE_MASK));
    copy.putLong(RecordBatchFormat.MAX_TIMESTAMP_OFFSET, appendTimeMs);
    CRC32C crc = new CRC32C();
    crc.update(
        copy.slice(RecordBatchFormat.CRC_START, copy.capacity() - RecordBatchFormat.CRC_START));
    copy.putInt(RecordBatchFormat.CRC_OFFSET, (int) crc.getValue());
    return copy;
  }
}
