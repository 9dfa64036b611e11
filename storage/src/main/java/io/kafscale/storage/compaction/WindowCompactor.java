/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.compaction;

import io.kafscale.storage.batch.BatchHeader;
import io.kafscale.storage.batch.BatchHeaders;
import io.kafscale.storage.log.CompactionRequest;
import io.kafscale.storage.log.SegmentRef;
import io.kafscale.storage.segment.EncodedSegment;
import io.kafscale.storage.segment.SegmentEncoder;
import io.kafscale.storage.segment.SegmentView;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pure core of one compaction, fed one segment at a time so memory stays bounded: first {@link
 * #index} every window segment (compacted and dirty part) into a {@link KeyOffsetMap}, then {@link
 * #rewrite} every window segment in order, collecting the compacted segments as they fill up.
 *
 * <p>A record is kept iff no later record of the window has its key (the map holds the latest
 * offset per key of the whole window), in any segment, compacted or dirty. Records without a key
 * and control batches are always kept. A batch losing all its records disappears, except where its
 * offsets must stay covered: the last batch of an owner-epoch run and the last batch of an output
 * are then kept as a zero-record header with the original offsets and producer fields (as Kafka's
 * cleaner does), so every output ends with a batch (a fetch inside a gap always finds a later
 * batch) and every epoch keeps a batch.
 *
 * <p>A tombstone is dropped only when (1) the window starts the log ({@link
 * CompactionWindow#startsLog()}), (2) the map indexed the whole window (always: the caller cuts the
 * window to what the map holds), so every older value of its key was removed in this same pass, (3)
 * it sits in a compacted segment whose {@code createdAtMs} is at least {@code deleteRetentionMs}
 * old, and (4) no transactional record of its key is in the window. Records of transactional
 * batches never supersede others (an aborted transaction must not hide committed values;
 * transaction markers are not tracked here) but are superseded like any record; as a transactional
 * record may thus stay the only one of its key or be aborted, a tombstone of such a key is never
 * dropped, lest an older committed value come back (AppendValidator rejects transactional batches
 * today, so this only matters once transactions exist).
 *
 * <p>Outputs span owner epochs (each records where its epochs start) and split at the size limit,
 * where the compacted part of the window meets the dirty part, and between compacted inputs of
 * different {@link #generation}s: an output of compacted inputs only is as old as its newest input
 * ({@code createdAtMs}), so the age of its tombstones keeps growing; one holding dirty input is
 * created now. Outputs cover the window's offsets contiguously: a gap belongs to the output of the
 * batch after it. Not thread-safe.
 */
public final class WindowCompactor {

  /**
   * A compacted segment: its last owner epoch, where each of its epochs starts (empty when it holds
   * one epoch), and its creation time (see the class comment).
   */
  public record Output(
      EncodedSegment encoded,
      int epoch,
      List<SegmentRef.EpochStart> epochStarts,
      long createdAtMs) {
    public Output {
      epochStarts = List.copyOf(epochStarts);
    }
  }

  private final CompactionWindow window;
  private final KeyOffsetMap keys;
  private final BatchRewriter rewriter;
  private final long nowMs;
  private final long deleteRetentionMs;
  private final long tombstoneHorizonMs;
  private final int maxOutputBytes;
  private final int indexIntervalBytes;
  private final List<SegmentRef.EpochStart> epochs;

  private int next;
  private SegmentRef current;
  private long chunkBase;
  private final List<ByteBuffer> chunk = new ArrayList<>();
  private long chunkBytes;
  private long chunkLast = -1;
  private long chunkNewestInput = Long.MIN_VALUE;
  private boolean chunkHasDirty;
  private long recordsRead;
  private long recordsKept;

  public WindowCompactor(
      CompactionWindow window,
      KeyOffsetMap keys,
      BatchRewriter rewriter,
      CompactionRequest request,
      long nowMs,
      int maxOutputBytes,
      int indexIntervalBytes) {
    this.window = window;
    this.keys = keys;
    this.rewriter = rewriter;
    this.nowMs = nowMs;
    this.deleteRetentionMs = request.deleteRetentionMs();
    this.tombstoneHorizonMs = nowMs - request.deleteRetentionMs();
    this.maxOutputBytes = maxOutputBytes;
    this.indexIntervalBytes = indexIntervalBytes;
    this.chunkBase = window.firstOffset();
    this.epochs = window.epochStarts();
  }

  /**
   * Puts the keys of a window segment into {@code keys} (any segment order: the latest offset
   * wins), unless it might not fit (judged by its record count): then nothing is added and false is
   * returned, and the window must leave this segment out. Keys of transactional records are only
   * marked (they supersede nothing).
   */
  public static boolean index(SegmentView view, KeyOffsetMap keys, BatchRewriter rewriter) {
    if ((long) keys.size() + view.recordCount() > keys.capacity()) {
      return false;
    }
    for (int i = 0; i < view.batches().size(); i++) {
      BatchHeader h = view.batches().get(i);
      if (h.isControl()) {
        continue;
      }
      boolean transactional = h.isTransactional();
      rewriter.scan(
          view.batch(i),
          (offset, key, tombstone) -> {
            if (key == null) {
              return;
            }
            if (transactional) {
              keys.markTransactional(key);
            } else {
              keys.put(key, offset);
            }
          });
    }
    return true;
  }

  /**
   * Compacts the next window segment ({@code ref}, loaded as {@code view}) and returns the outputs
   * it completed (possibly none).
   */
  public List<Output> rewrite(SegmentRef ref, SegmentView view) {
    if (next >= window.segments().size() || !window.segments().get(next).equals(ref)) {
      throw new IllegalStateException("segment " + ref.baseOffset() + " is not next in the window");
    }
    boolean endsRun = window.endsEpochRun(next);
    boolean closes =
        next == window.segments().size() - 1
            || generation(window.segments().get(next + 1), nowMs, deleteRetentionMs)
                != generation(ref, nowMs, deleteRetentionMs);
    next++;
    current = ref;
    noteInput(ref);
    boolean dropTombstones =
        window.startsLog() && ref.compacted() && ref.createdAtMs() <= tombstoneHorizonMs;
    List<Output> done = new ArrayList<>();
    int count = view.batches().size();
    for (int i = 0; i < count; i++) {
      BatchHeader h = view.batches().get(i);
      recordsRead += h.recordCount();
      ByteBuffer batch = view.batch(i);
      ByteBuffer kept = h.isControl() ? copy(batch) : filter(batch, dropTombstones);
      if (kept == null) {
        boolean mustCover =
            i == count - 1
                ? endsRun || closes
                : epochAt(h.baseOffset()) != epochAt(view.batches().get(i + 1).baseOffset());
        if (mustCover) {
          kept = rewriter.emptyHeader(batch);
        }
      }
      if (kept != null) {
        add(kept, done);
      }
    }
    if (closes) {
      close(ref.lastOffset(), done);
    }
    return done;
  }

  /**
   * Consecutive inputs of different generations go to different outputs: dirty inputs are one
   * generation; compacted ones past the tombstone horizon another (their tombstones are due, their
   * age no longer matters); younger compacted ones are grouped by creation time in {@link
   * #GENERATIONS} slices of {@code deleteRetentionMs}. An output's age is its newest input's, so
   * without these splits a tombstone would be merged with a newer segment on every compaction of an
   * active topic and never grow old; with them it ages at most one slice late, and the young
   * compacted segments stay at most about {@link #GENERATIONS} + 1 (plus size splits).
   */
  public static long generation(SegmentRef ref, long nowMs, long deleteRetentionMs) {
    if (!ref.compacted()) {
      return Long.MAX_VALUE;
    }
    if (ref.createdAtMs() <= nowMs - deleteRetentionMs) {
      return Long.MIN_VALUE;
    }
    return Math.floorDiv(ref.createdAtMs(), Math.max(1, deleteRetentionMs / GENERATIONS));
  }

  /** Creation-time slices of {@code deleteRetentionMs} that young compacted outputs keep apart. */
  public static final int GENERATIONS = 4;

  /** Whether every window segment was rewritten (and so every output returned). */
  public boolean done() {
    return next == window.segments().size();
  }

  public long recordsRead() {
    return recordsRead;
  }

  public long recordsKept() {
    return recordsKept;
  }

  private ByteBuffer filter(ByteBuffer batch, boolean dropTombstones) {
    OffsetList keep = new OffsetList();
    rewriter.scan(
        batch,
        (offset, key, tombstone) -> {
          keep.seen++;
          boolean latest = key == null || keys.get(key) <= offset;
          boolean dropped = tombstone && dropTombstones && !keys.isTransactional(key);
          if (latest && !dropped) {
            keep.add(offset);
          }
        });
    if (keep.size == 0) {
      return null;
    }
    if (keep.size == keep.seen) {
      return copy(batch);
    }
    long[] kept = Arrays.copyOf(keep.values, keep.size);
    return rewriter.retain(batch, o -> Arrays.binarySearch(kept, o) >= 0);
  }

  /** Offsets of one batch's kept records, in increasing order. */
  private static final class OffsetList {
    long[] values = new long[16];
    int size;
    int seen;

    void add(long offset) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = offset;
    }
  }

  /** The owner epoch that wrote {@code offset} (the window's epoch runs are few). */
  private int epochAt(long offset) {
    int epoch = epochs.getFirst().epoch();
    for (SegmentRef.EpochStart e : epochs) {
      if (e.startOffset() > offset) {
        break;
      }
      epoch = e.epoch();
    }
    return epoch;
  }

  private void noteInput(SegmentRef ref) {
    chunkNewestInput = Math.max(chunkNewestInput, ref.createdAtMs());
    chunkHasDirty |= !ref.compacted();
  }

  private void add(ByteBuffer batch, List<Output> done) {
    BatchHeader h = BatchHeaders.read(batch, batch.position(), 0);
    if (!chunk.isEmpty() && chunkBytes + h.sizeInBytes() > maxOutputBytes) {
      close(chunkLast, done);
      noteInput(current);
    }
    chunk.add(batch);
    chunkBytes += h.sizeInBytes();
    chunkLast = h.lastOffset();
    recordsKept += h.recordCount();
  }

  private void close(long lastOffset, List<Output> done) {
    if (chunk.isEmpty()) {
      throw new IllegalStateException("an output would hold no batch");
    }
    EncodedSegment enc =
        SegmentEncoder.encodeWithGaps(
            List.copyOf(chunk), chunkBase, lastOffset, nowMs, indexIntervalBytes);
    List<SegmentRef.EpochStart> starts = epochStartsOf(chunkBase, lastOffset);
    done.add(
        new Output(
            enc,
            starts.getLast().epoch(),
            starts.size() == 1 ? List.of() : starts,
            chunkHasDirty ? nowMs : chunkNewestInput));
    chunkBase = lastOffset + 1;
    chunk.clear();
    chunkBytes = 0;
    chunkNewestInput = Long.MIN_VALUE;
    chunkHasDirty = false;
  }

  /** The epoch runs of offsets {@code [base, last]}: the one in effect at base starts there. */
  private List<SegmentRef.EpochStart> epochStartsOf(long base, long last) {
    List<SegmentRef.EpochStart> starts = new ArrayList<>();
    starts.add(new SegmentRef.EpochStart(epochAt(base), base));
    for (SegmentRef.EpochStart e : epochs) {
      if (e.startOffset() > base && e.startOffset() <= last) {
        starts.add(e);
      }
    }
    return starts;
  }

  private static ByteBuffer copy(ByteBuffer batch) {
    ByteBuffer c = ByteBuffer.allocate(batch.remaining());
    c.put(batch.duplicate()).flip();
    return c;
  }
}
