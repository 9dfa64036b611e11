/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import io.kafscale.storage.batch.BatchHeader;
import io.kafscale.storage.batch.RecordBatchFormat;
import io.kafscale.storage.segment.SegmentView;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Serves committed data of one partition from a {@link LogState} snapshot: the recent in-memory
 * segments first, then the shared cache or the object store through {@link SegmentSource}, moving
 * on to following segments while the byte budget allows, and warming the cache with the next
 * segment after an object-store read. Thread-safe (holds no mutable state of its own).
 */
final class LogReader {

  /**
   * Bytes of following segments loaded ahead of a sequential reader (a few default fetch sizes).
   */
  static final long READ_AHEAD_BYTES = 4L << 20;

  private final RecentSegments recent;
  private final SegmentSource source;

  LogReader(RecentSegments recent, SegmentSource source) {
    this.recent = recent;
    this.source = source;
  }

  CompletableFuture<ReadResult> read(LogState st, long offset, int maxBytes, boolean minOneBatch) {
    return read(st, offset, maxBytes, minOneBatch, st.highWatermark(), false);
  }

  /**
   * Reads below {@code lastStable} when {@code readCommitted} (dropping batches at or above it and
   * collecting the aborted transactions overlapping what is returned), else below the high
   * watermark; the result reports {@code lastStable} either way.
   */
  CompletableFuture<ReadResult> read(
      LogState st,
      long offset,
      int maxBytes,
      boolean minOneBatch,
      long lastStable,
      boolean readCommitted) {
    long limit = readCommitted ? lastStable : st.highWatermark();
    if (offset >= limit && offset <= st.highWatermark() && offset >= st.logStartOffset()) {
      return CompletableFuture.completedFuture(
          new ReadResult(
              List.of(), st.highWatermark(), st.logStartOffset(), lastStable, List.of()));
    }
    if (offset < st.logStartOffset() || offset > st.highWatermark()) {
      return CompletableFuture.failedFuture(
          new StorageException(
              StorageException.Reason.OFFSET_OUT_OF_RANGE,
              "offset "
                  + offset
                  + " is outside ["
                  + st.logStartOffset()
                  + ", "
                  + st.highWatermark()
                  + "]"));
    }
    List<ByteBuffer> out = new ArrayList<>();
    return readFrom(st, st.indexOf(offset), offset, maxBytes, minOneBatch, out)
        .thenApply(
            v -> {
              List<ByteBuffer> batches = below(out, limit);
              List<AbortedTxn> aborted =
                  readCommitted && !batches.isEmpty()
                      ? abortedIn(st, offset, lastOffsetOf(batches.getLast()))
                      : List.of();
              return new ReadResult(
                  batches, st.highWatermark(), st.logStartOffset(), lastStable, aborted);
            });
  }

  private static List<ByteBuffer> below(List<ByteBuffer> batches, long limit) {
    int n = 0;
    while (n < batches.size()
        && batches.get(n).getLong(batches.get(n).position() + RecordBatchFormat.BASE_OFFSET_OFFSET)
            < limit) {
      n++;
    }
    return List.copyOf(batches.subList(0, n));
  }

  /**
   * The aborted transactions overlapping offsets {@code [from, to]}: those whose ABORT marker is at
   * or after {@code from} (recorded with the segment holding it, so only segments from {@code from}
   * on are looked at) and whose first offset is at most {@code to}, in marker order.
   */
  static List<AbortedTxn> abortedIn(LogState st, long from, long to) {
    List<AbortedTxn> out = new ArrayList<>();
    for (int i = Math.max(0, st.indexOf(from)); i < st.segments().size(); i++) {
      for (AbortedTxn t : st.segments().get(i).abortedTxns()) {
        if (t.lastOffset() >= from && t.firstOffset() <= to) {
          out.add(t);
        }
      }
    }
    return out;
  }

  private CompletableFuture<Void> readFrom(
      LogState st,
      int index,
      long offset,
      int remaining,
      boolean minOneBatch,
      List<ByteBuffer> out) {
    if (index < 0
        || index >= st.segments().size()
        || (remaining <= 0 && !(minOneBatch && out.isEmpty()))) {
      return CompletableFuture.completedFuture(null);
    }
    SegmentRef ref = st.segments().get(index);
    if (ref.lastOffset() < offset) {
      return readFrom(st, index + 1, offset, remaining, minOneBatch, out);
    }
    return segmentBatches(st, index, offset, remaining, minOneBatch && out.isEmpty())
        .thenCompose(
            batches -> {
              if (batches == null) {
                // No batch of this segment ends at or after the offset (a compacted segment's
                // trailing gap): the next batch is in a following segment.
                return readFrom(
                    st, index + 1, Math.max(offset, ref.nextOffset()), remaining, minOneBatch, out);
              }
              out.addAll(batches);
              int left = remaining - batches.stream().mapToInt(ByteBuffer::remaining).sum();
              // Stop when the budget ran out inside this segment (nothing or not all of it was
              // taken).
              if (batches.isEmpty() || lastOffsetOf(batches.getLast()) < ref.lastOffset()) {
                return CompletableFuture.completedFuture(null);
              }
              return readFrom(
                  st, index + 1, Math.max(offset, ref.nextOffset()), left, minOneBatch, out);
            });
  }

  /**
   * The batches of segment {@code index} a fetch at {@code offset} returns, or null when the
   * segment has no batch ending at or after {@code offset}.
   */
  private CompletableFuture<List<ByteBuffer>> segmentBatches(
      LogState st, int index, long offset, int maxBytes, boolean minOneBatch) {
    SegmentRef ref = st.segments().get(index);
    SegmentView view = recent.get(ref.baseOffset());
    if (view != null) {
      return CompletableFuture.completedFuture(read(view, offset, maxBytes, minOneBatch));
    }
    readAhead(st, index);
    if (source.readsWhole(ref)) {
      return source.load(ref).thenApply(v -> read(v, offset, maxBytes, minOneBatch));
    }
    return source.readRange(ref, offset, maxBytes, minOneBatch);
  }

  /**
   * Warms the cache with the segments after {@code index}, up to {@link #READ_AHEAD_BYTES}: a
   * sequential consumer's next fetches then find them loaded (the loads run in parallel), instead
   * of waiting for one GET per small segment in turn.
   */
  private void readAhead(LogState st, int index) {
    long ahead = 0;
    for (int i = index + 1; i < st.segments().size() && ahead < READ_AHEAD_BYTES; i++) {
      SegmentRef next = st.segments().get(i);
      if (recent.get(next.baseOffset()) == null) {
        source.prefetch(next);
      }
      ahead += next.length();
    }
  }

  private static List<ByteBuffer> read(
      SegmentView view, long offset, int maxBytes, boolean minOneBatch) {
    return view.batches().getLast().lastOffset() < offset
        ? null
        : view.read(offset, maxBytes, minOneBatch);
  }

  private static long lastOffsetOf(ByteBuffer batch) {
    return batch.getLong(batch.position() + RecordBatchFormat.BASE_OFFSET_OFFSET)
        + batch.getInt(batch.position() + RecordBatchFormat.LAST_OFFSET_DELTA_OFFSET);
  }

  /**
   * The first batch at or after the log start whose max timestamp is at least {@code timestamp},
   * skipping zero-record headers left by compaction (their timestamp is that of removed records).
   */
  CompletableFuture<Optional<ByteBuffer>> firstBatchWithTimestampAtLeast(
      LogState st, long timestamp) {
    return search(st, 0, timestamp);
  }

  private CompletableFuture<Optional<ByteBuffer>> search(LogState st, int from, long timestamp) {
    for (int i = from; i < st.segments().size(); i++) {
      SegmentRef ref = st.segments().get(i);
      if (ref.maxTimestamp() >= timestamp && ref.lastOffset() >= st.logStartOffset()) {
        int next = i + 1;
        SegmentView view = recent.get(ref.baseOffset());
        CompletableFuture<SegmentView> loaded =
            view != null ? CompletableFuture.completedFuture(view) : source.load(ref);
        return loaded.thenCompose(
            v -> {
              Optional<ByteBuffer> found = firstIn(v, st.logStartOffset(), timestamp);
              return found.isPresent()
                  ? CompletableFuture.completedFuture(found)
                  : search(st, next, timestamp);
            });
      }
    }
    return CompletableFuture.completedFuture(Optional.empty());
  }

  private static Optional<ByteBuffer> firstIn(
      SegmentView view, long logStartOffset, long timestamp) {
    List<BatchHeader> batches = view.batches();
    for (int i = 0; i < batches.size(); i++) {
      BatchHeader h = batches.get(i);
      if (h.lastOffset() >= logStartOffset
          && h.maxTimestamp() >= timestamp
          && h.recordCount() > 0) {
        return Optional.of(view.batch(i));
      }
    }
    return Optional.empty();
  }
}
