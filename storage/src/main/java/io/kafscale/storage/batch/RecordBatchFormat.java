/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.batch;

import java.nio.ByteBuffer;

/**
 * Layout of the Kafka v2 (magic 2) record batch header, all fields big-endian. Offsets are relative
 * to the batch start. Stateless.
 */
public final class RecordBatchFormat {

  public static final int BASE_OFFSET_OFFSET = 0;
  public static final int LENGTH_OFFSET = 8;
  public static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
  public static final int MAGIC_OFFSET = 16;
  public static final int CRC_OFFSET = 17;
  public static final int ATTRIBUTES_OFFSET = 21;
  public static final int LAST_OFFSET_DELTA_OFFSET = 23;
  public static final int FIRST_TIMESTAMP_OFFSET = 27;
  public static final int MAX_TIMESTAMP_OFFSET = 35;
  public static final int PRODUCER_ID_OFFSET = 43;
  public static final int PRODUCER_EPOCH_OFFSET = 51;
  public static final int BASE_SEQUENCE_OFFSET = 53;
  public static final int RECORDS_COUNT_OFFSET = 57;

  /** Size of the fixed header; the records follow. */
  public static final int HEADER_SIZE = 61;

  /** Bytes before and including the length field: the batch size is length + this. */
  public static final int LOG_OVERHEAD = 12;

  /** The CRC covers [ATTRIBUTES_OFFSET, end of batch). */
  public static final int CRC_START = ATTRIBUTES_OFFSET;

  public static final byte MAGIC_V2 = 2;

  public static final int COMPRESSION_CODEC_MASK = 0x07;
  public static final int TIMESTAMP_TYPE_MASK = 0x08;
  public static final int TRANSACTIONAL_FLAG_MASK = 0x10;
  public static final int CONTROL_FLAG_MASK = 0x20;

  private RecordBatchFormat() {}

  /**
   * Writes the base offset into a batch view (absolute put at index 0 of the view). The base offset
   * is outside the CRC, so the CRC stays valid. The view's position and limit are unchanged; the
   * view must start at the batch start (as the views of {@link BatchValidator#slices} do).
   */
  public static void setBaseOffset(ByteBuffer batchView, long baseOffset) {
    batchView.putLong(BASE_OFFSET_OFFSET, baseOffset);
  }
}
