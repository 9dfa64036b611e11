/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Whole record batches read from committed data, in offset order (possibly empty), plus the
 * partition's offsets at read time: high watermark, log start, last stable offset, and (for
 * read_committed reads) the aborted transactions overlapping the returned batches, by first offset.
 * The buffers are read-only views owned by the caller; they may share memory with the log's caches
 * but are never modified afterwards.
 */
public record ReadResult(
    List<ByteBuffer> batches,
    long highWatermark,
    long logStartOffset,
    long lastStableOffset,
    List<AbortedTxn> abortedTransactions) {

  public ReadResult {
    batches = List.copyOf(batches);
    abortedTransactions = List.copyOf(abortedTransactions);
  }

  /** Sum of the batch sizes. */
  public int sizeInBytes() {
    int size = 0;
    for (ByteBuffer b : batches) {
      size += b.remaining();
    }
    return size;
  }
}
