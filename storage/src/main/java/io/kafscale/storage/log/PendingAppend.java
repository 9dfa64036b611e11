/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import io.kafscale.storage.batch.BatchHeader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One accepted produce request waiting for its flush: the zero-copy views of its validated batches,
 * their headers, and the future its caller waits on. The views belong to the caller's request
 * buffer until the flush has copied them into a segment. {@link #batchBaseOffsets} is set by the
 * flush before the future completes (the completion publishes it).
 */
final class PendingAppend {

  final long appendId;
  final List<ByteBuffer> batches;
  final List<BatchHeader> headers;
  final boolean logAppendTime;
  final int sizeInBytes;
  final CompletableFuture<AppendResult> future;
  long[] batchBaseOffsets;

  PendingAppend(
      long appendId,
      List<ByteBuffer> batches,
      List<BatchHeader> headers,
      boolean logAppendTime,
      CompletableFuture<AppendResult> future) {
    this.future = future;
    this.appendId = appendId;
    this.batches = batches;
    this.headers = headers;
    this.logAppendTime = logAppendTime;
    int size = 0;
    for (BatchHeader h : headers) {
      size += h.sizeInBytes();
    }
    this.sizeInBytes = size;
  }

  /** Offset of the last record of batch {@code i}; valid once the flush has assigned offsets. */
  long batchLastOffset(int i) {
    return batchBaseOffsets[i] + headers.get(i).lastOffsetDelta();
  }
}
