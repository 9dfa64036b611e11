/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.records;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.RecordsSend;

/**
 * Record batches served by a fetch: a list of byte ranges written one after the other, without
 * copying, by {@link ZeroCopyWritable}. Immutable; the buffers must not change until the response
 * carrying them has been written to the socket.
 */
final class StoredRecords implements BaseRecords {
  private final List<ByteBuffer> batches;
  private final int sizeInBytes;

  StoredRecords(List<ByteBuffer> batches) {
    this.batches = batches.stream().map(ByteBuffer::asReadOnlyBuffer).toList();
    long size = 0;
    for (ByteBuffer batch : this.batches) {
      size += batch.remaining();
    }
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("records larger than 2 GiB: " + size);
    }
    this.sizeInBytes = (int) size;
  }

  List<ByteBuffer> batches() {
    return batches;
  }

  @Override
  public int sizeInBytes() {
    return sizeInBytes;
  }

  /** Kafscale writes records through its own encoder, never through Kafka's network layer. */
  @Override
  public RecordsSend<? extends BaseRecords> toSend() {
    throw new UnsupportedOperationException("StoredRecords are written by KafkaFrameEncoder");
  }

  @Override
  public String toString() {
    return "StoredRecords(batches=" + batches.size() + ", sizeInBytes=" + sizeInBytes + ")";
  }
}
