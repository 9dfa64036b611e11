/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.records;

import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.Writable;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;

/**
 * Base of Kafscale's {@link Writable}s: turns the generated messages' {@code writeRecords} calls
 * into {@link #appendRecordBytes(ByteBuffer)} calls, so that subclasses outside this adapter
 * package never see kafka-clients' internal record types. Not thread-safe.
 */
public abstract class ZeroCopyWritable implements Writable {

  @Override
  public final void writeRecords(BaseRecords records) {
    switch (records) {
      case null -> {}
      case StoredRecords stored -> stored.batches().forEach(this::appendRecordBytes);
      case MemoryRecords memory -> appendRecordBytes(memory.buffer());
      default ->
          throw new UnsupportedOperationException(
              "cannot write records of type " + records.getClass().getName());
    }
  }

  /**
   * Appends {@code bytes} (position to limit) to the output. Implementations must not modify the
   * buffer's position and may keep a reference to it until the output is written.
   */
  protected abstract void appendRecordBytes(ByteBuffer bytes);
}
