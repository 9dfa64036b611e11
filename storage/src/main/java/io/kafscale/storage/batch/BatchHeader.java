/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.batch;

/**
 * The decoded 61-byte header of one Kafka v2 record batch, plus where the batch sits in the buffer
 * it was read from. Immutable value; holds no reference to the bytes.
 *
 * @param position offset of the batch start in the scanned buffer (or relative to the segment start
 *     when produced by the segment reader)
 * @param sizeInBytes total batch size, i.e. the length field + 12
 */
public record BatchHeader(
    int position,
    int sizeInBytes,
    long baseOffset,
    int partitionLeaderEpoch,
    byte magic,
    int crc,
    short attributes,
    int lastOffsetDelta,
    long firstTimestamp,
    long maxTimestamp,
    long producerId,
    short producerEpoch,
    int baseSequence,
    int recordCount) {

  /** The offset of the last record in the batch, given its base offset. */
  public long lastOffset() {
    return baseOffset + lastOffsetDelta;
  }

  /**
   * The sequence of the last record; wraps past {@link Integer#MAX_VALUE} to 0, as Kafka's producer
   * sequences do.
   */
  public int lastSequence() {
    if (baseSequence < 0) {
      return baseSequence;
    }
    long next = (long) baseSequence + lastOffsetDelta;
    return next > Integer.MAX_VALUE ? (int) (next - Integer.MAX_VALUE - 1) : (int) next;
  }

  public boolean isTransactional() {
    return (attributes & RecordBatchFormat.TRANSACTIONAL_FLAG_MASK) != 0;
  }

  public boolean isControl() {
    return (attributes & RecordBatchFormat.CONTROL_FLAG_MASK) != 0;
  }

  /** 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd. */
  public int compressionCodecId() {
    return attributes & RecordBatchFormat.COMPRESSION_CODEC_MASK;
  }

  public boolean hasProducerId() {
    return producerId >= 0;
  }

  public boolean timestampTypeIsLogAppend() {
    return (attributes & RecordBatchFormat.TIMESTAMP_TYPE_MASK) != 0;
  }
}
