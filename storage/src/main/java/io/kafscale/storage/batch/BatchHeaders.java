/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.batch;

import static io.kafscale.storage.batch.RecordBatchFormat.ATTRIBUTES_OFFSET;
import static io.kafscale.storage.batch.RecordBatchFormat.BASE_OFFSET_OFFSET;
import static io.kafscale.storage.batch.RecordBatchFormat.BASE_SEQUENCE_OFFSET;
import static io.kafscale.storage.batch.RecordBatchFormat.CRC_OFFSET;
import static io.kafscale.storage.batch.RecordBatchFormat.FIRST_TIMESTAMP_OFFSET;
import static io.kafscale.storage.batch.RecordBatchFormat.LAST_OFFSET_DELTA_OFFSET;
import static io.kafscale.storage.batch.RecordBatchFormat.LENGTH_OFFSET;
import static io.kafscale.storage.batch.RecordBatchFormat.LOG_OVERHEAD;
import static io.kafscale.storage.batch.RecordBatchFormat.MAGIC_OFFSET;
import static io.kafscale.storage.batch.RecordBatchFormat.MAX_TIMESTAMP_OFFSET;
import static io.kafscale.storage.batch.RecordBatchFormat.PARTITION_LEADER_EPOCH_OFFSET;
import static io.kafscale.storage.batch.RecordBatchFormat.PRODUCER_EPOCH_OFFSET;
import static io.kafscale.storage.batch.RecordBatchFormat.PRODUCER_ID_OFFSET;
import static io.kafscale.storage.batch.RecordBatchFormat.RECORDS_COUNT_OFFSET;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes a v2 batch header with absolute reads. Stateless; does not move the buffer's position.
 */
public final class BatchHeaders {

  private BatchHeaders() {}

  /**
   * Reads the header of the batch starting at absolute index {@code at}; the caller has checked
   * that at least {@link RecordBatchFormat#HEADER_SIZE} bytes are there. The size comes from the
   * length field and is not checked against the buffer here.
   *
   * @param reportedPosition the position to record in the returned header
   */
  public static BatchHeader read(ByteBuffer source, int at, int reportedPosition) {
    // duplicate() is always big-endian, whatever order the caller's buffer uses.
    ByteBuffer buf = source.order() == ByteOrder.BIG_ENDIAN ? source : source.duplicate();
    return new BatchHeader(
        reportedPosition,
        buf.getInt(at + LENGTH_OFFSET) + LOG_OVERHEAD,
        buf.getLong(at + BASE_OFFSET_OFFSET),
        buf.getInt(at + PARTITION_LEADER_EPOCH_OFFSET),
        buf.get(at + MAGIC_OFFSET),
        buf.getInt(at + CRC_OFFSET),
        buf.getShort(at + ATTRIBUTES_OFFSET),
        buf.getInt(at + LAST_OFFSET_DELTA_OFFSET),
        buf.getLong(at + FIRST_TIMESTAMP_OFFSET),
        buf.getLong(at + MAX_TIMESTAMP_OFFSET),
        buf.getLong(at + PRODUCER_ID_OFFSET),
        buf.getShort(at + PRODUCER_EPOCH_OFFSET),
        buf.getInt(at + BASE_SEQUENCE_OFFSET),
        buf.getInt(at + RECORDS_COUNT_OFFSET));
  }
}
