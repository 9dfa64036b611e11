/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import io.kafscale.storage.batch.BatchHeader;
import io.kafscale.storage.compaction.CompactionPlanner;
import io.kafscale.storage.compaction.CompactionWindow;
import io.kafscale.storage.compaction.KeyOffsetMap;
import io.kafscale.storage.compaction.WindowCompactor;
import io.kafscale.storage.log.StorageException.Reason;
import io.kafscale.storage.segment.EncodedSegment;
import io.kafscale.storage.segment.SegmentKeys;
import io.kafscale.storage.segment.SegmentReader;
import io.kafscale.storage.segment.SegmentView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O of {@link PartitionLog#compact} for one {@link DefaultPartitionLog}: plans a window
 * ({@link CompactionPlanner}), reads its segments one at a time without filling the shared cache,
 * indexes the keys of every window segment (cutting the window where the key map is full) and
 * rewrites every one ({@link WindowCompactor}), uploads each output as it completes, then asks the
 * log to run the swap exclusively (no flush or trim in flight): check the log still holds the
 * window and the outputs are younger than {@link
 * io.kafscale.storage.compaction.CompactionLimits#maxDurationMs()} (else the object garbage
 * collector may already have deleted them), {@link SegmentCommitter#replace}, swap the references.
 * A replace failing otherwise than by a clean local check leaves the log's segment list possibly
 * different from the metadata store's, so the log stops (as fenced) and its owner reloads it.
 * Compactions of one log run one after the other. Thread-safe.
 */
final class LogCompaction {

  private static final Logger LOG = LoggerFactory.getLogger(LogCompaction.class);

  /**
   * A step the log runs on its serial executor while no flush or trim is in flight, and that keeps
   * them from starting until {@link #finish} has run (also on the serial executor).
   */
  interface Exclusive {
    /** Starts the step on {@code state}; the log stays exclusive until the future completes. */
    CompletableFuture<Void> start(LogState state);

    /** Applies the outcome ({@code error} null on success); still exclusive. */
    void finish(Throwable error);

    /** The step could not run (log closed or its threads gone). */
    void abandon(StorageException error);
  }

  private final DefaultPartitionLog log;
  private final LogContext ctx;
  private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

  LogCompaction(DefaultPartitionLog log, LogContext ctx) {
    this.log = log;
    this.ctx = ctx;
  }

  CompletableFuture<CompactionResult> compact(CompactionRequest request) {
    synchronized (this) {
      CompletableFuture<CompactionResult> run =
          tail.handle((v, e) -> null)
              .thenComposeAsync(v -> start(request), ctx.compactionExecutor())
              .exceptionallyCompose(
                  err ->
                      CompletableFuture.failedFuture(
                          SegmentUploader.unwrap(err) instanceof RejectedExecutionException
                              ? new StorageException(
                                  Reason.NOT_OWNER, "storage threads are shut down")
                              : SegmentUploader.unwrap(err)));
      tail = run;
      return run;
    }
  }

  private CompletableFuture<CompactionResult> start(CompactionRequest request) {
    if (!log.isOpen()) {
      return CompletableFuture.failedFuture(
          new StorageException(Reason.NOT_OWNER, "log of " + log.id() + " is closed"));
    }
    long now = ctx.clock().millis();
    Optional<CompactionWindow> planned =
        CompactionPlanner.plan(log.state().segments(), request, now, ctx.compactionLimits());
    if (planned.isEmpty()) {
      return CompletableFuture.completedFuture(CompactionResult.none());
    }
    KeyOffsetMap keys = new KeyOffsetMap(ctx.compactionLimits().keyMapBytes());
    List<SegmentRef> written = new ArrayList<>();
    long[] firstUploadMs = {-1};
    return index(planned.get(), keys, 0)
        .thenCompose(w -> indexCompacted(w, keys, w.firstDirty() - 1))
        .thenCompose(
            window -> {
              WindowCompactor compactor =
                  new WindowCompactor(
                      window,
                      keys,
                      ctx.rewriter(),
                      request,
                      now,
                      CompactionPlanner.outputBytes(request, ctx.compactionLimits()),
                      ctx.config().indexIntervalBytes());
              return rewrite(window, compactor, 0, firstUploadMs, written)
                  .thenCompose(max -> swap(window, written, max, compactor, firstUploadMs[0]));
            })
        .exceptionallyCompose(err -> CompletableFuture.failedFuture(failure(err, written)));
  }

  /**
   * Indexes dirty segments from {@code i} on; completes with the window cut where keys are full.
   */
  private CompletableFuture<CompactionWindow> index(
      CompactionWindow window, KeyOffsetMap keys, int i) {
    if (i == window.dirty().size()) {
      return CompletableFuture.completedFuture(window);
    }
    return ctx.source()
        .loadUncached(window.dirty().get(i), ctx.compactionExecutor())
        .thenCompose(
            view -> {
              if (WindowCompactor.index(view, keys, ctx.rewriter())) {
                return index(window, keys, i + 1);
              }
              if (i == 0) {
                throw new IllegalStateException(
                    "the key map cannot hold the keys of one segment ("
                        + view.recordCount()
                        + " records)");
              }
              return CompletableFuture.completedFuture(window.withDirtyCount(i));
            });
  }

  /**
   * Indexes compacted segments from {@code i} down to the first; completes with the window without
   * the compacted segments that no longer fit (it then does not start the log, so no tombstone is
   * dropped: the map must cover the whole window for that).
   */
  private CompletableFuture<CompactionWindow> indexCompacted(
      CompactionWindow window, KeyOffsetMap keys, int i) {
    if (i < 0) {
      return CompletableFuture.completedFuture(window);
    }
    return ctx.source()
        .loadUncached(window.compacted().get(i), ctx.compactionExecutor())
        .thenCompose(
            view ->
                WindowCompactor.index(view, keys, ctx.rewriter())
                    ? indexCompacted(window, keys, i - 1)
                    : CompletableFuture.completedFuture(window.withoutLeading(i + 1)));
  }

  /**
   * Rewrites window segments from {@code i} on, uploading outputs as they complete; completes with
   * the batch holding the largest timestamp among the outputs.
   */
  private CompletableFuture<TimestampedOffset> rewrite(
      CompactionWindow window,
      WindowCompactor compactor,
      int i,
      long[] firstUploadMs,
      List<SegmentRef> written) {
    if (i == window.segments().size()) {
      return CompletableFuture.completedFuture(null);
    }
    SegmentRef ref = window.segments().get(i);
    return ctx.source()
        .loadUncached(ref, ctx.compactionExecutor())
        .thenCompose(view -> upload(compactor.rewrite(ref, view), 0, firstUploadMs, written, null))
        .thenCompose(
            max ->
                rewrite(window, compactor, i + 1, firstUploadMs, written)
                    .thenApply(later -> later(max, later)));
  }

  private CompletableFuture<TimestampedOffset> upload(
      List<WindowCompactor.Output> outputs,
      int i,
      long[] firstUploadMs,
      List<SegmentRef> written,
      TimestampedOffset max) {
    if (i == outputs.size()) {
      return CompletableFuture.completedFuture(max);
    }
    WindowCompactor.Output out = outputs.get(i);
    EncodedSegment enc = out.encoded();
    // Parsing the output checks it the way readers will before it replaces anything.
    SegmentView view = SegmentReader.parseEncoded(enc.segment().duplicate());
    TimestampedOffset viewMax = maxOf(view);
    // The records' largest timestamp: a zero-record header carries that of records removed.
    SegmentRef ref = refFor(out, viewMax == null ? enc.maxTimestamp() : viewMax.timestamp());
    if (firstUploadMs[0] < 0) {
      // From here on an output object exists that only the swap will reference.
      firstUploadMs[0] = ctx.clock().millis();
    }
    return ctx.uploader()
        .upload(ref, enc)
        .thenComposeAsync(
            v -> {
              written.add(ref);
              return upload(outputs, i + 1, firstUploadMs, written, later(max, viewMax));
            },
            ctx.compactionExecutor());
  }

  private SegmentRef refFor(WindowCompactor.Output out, long maxTimestamp) {
    EncodedSegment enc = out.encoded();
    PartitionId id = log.id();
    String key =
        SegmentKeys.segmentKey(
            ctx.config().namespace(),
            id.topic(),
            id.partition(),
            enc.baseOffset(),
            log.epoch(),
            ctx.suffixes().get());
    int length = enc.segment().remaining();
    String indexKey =
        length > ctx.source().wholeSegmentMaxBytes() ? SegmentKeys.indexKeyFor(key) : null;
    return new SegmentRef(
        key,
        indexKey,
        0,
        length,
        enc.baseOffset(),
        enc.lastOffset(),
        maxTimestamp,
        out.epoch(),
        enc.crc(),
        out.createdAtMs(),
        true,
        out.epochStarts(),
        List.of());
  }

  /**
   * The outputs carrying the aborted transactions of the segments they replace: each goes with the
   * output covering its ABORT marker (outputs cover exactly the removed offsets; markers are kept).
   */
  static List<SegmentRef> withAbortedTxns(List<SegmentRef> removed, List<SegmentRef> added) {
    List<SegmentRef> out = new ArrayList<>(added.size());
    for (SegmentRef o : added) {
      List<AbortedTxn> carried = new ArrayList<>(o.abortedTxns());
      for (SegmentRef r : removed) {
        for (AbortedTxn t : r.abortedTxns()) {
          if (t.lastOffset() >= o.baseOffset()
              && t.lastOffset() <= o.lastOffset()
              && !carried.contains(t)) {
            carried.add(t);
          }
        }
      }
      out.add(carried.isEmpty() ? o : o.withAbortedTxns(carried));
    }
    return List.copyOf(out);
  }

  private CompletableFuture<CompactionResult> swap(
      CompactionWindow window,
      List<SegmentRef> added,
      TimestampedOffset max,
      WindowCompactor compactor,
      long firstUploadMs) {
    List<SegmentRef> removed = window.segments();
    List<SegmentRef> outputs = withAbortedTxns(removed, added);
    CompletableFuture<CompactionResult> done = new CompletableFuture<>();
    log.runExclusive(
        new Exclusive() {
          @Override
          public CompletableFuture<Void> start(LogState state) {
            if (!holds(state.segments(), removed)) {
              return CompletableFuture.failedFuture(
                  new Abort("the log changed (trimmed) during the compaction"));
            }
            long took = ctx.clock().millis() - firstUploadMs;
            if (firstUploadMs >= 0 && took > ctx.compactionLimits().maxDurationMs()) {
              return CompletableFuture.failedFuture(
                  new Abort(
                      "the compaction took "
                          + took
                          + " ms since its first upload, more than the "
                          + ctx.compactionLimits().maxDurationMs()
                          + " ms its outputs are safe from garbage collection"));
            }
            try {
              return ctx.committer().replace(log.id(), log.epoch(), removed, outputs);
            } catch (RuntimeException e) {
              return CompletableFuture.failedFuture(e);
            }
          }

          @Override
          public void finish(Throwable error) {
            Throwable cause = SegmentUploader.unwrap(error);
            if (error == null) {
              log.compacted(removed, outputs, max);
              done.complete(
                  new CompactionResult(
                      removed, outputs, compactor.recordsRead(), compactor.recordsKept()));
            } else if (cause instanceof Abort
                || cause instanceof UnsupportedOperationException
                || cause instanceof IllegalArgumentException) {
              // Refused before anything was written (local check, committer without replace,
              // request rejected by validation): the store is as the log knows it.
              done.completeExceptionally(cause);
            } else {
              // Fenced, or an outcome we cannot know (the transaction may have applied with its
              // answer lost; a removed segment changed under us): the in-memory segment list may
              // differ from the store's, and a later sweep would fail forever while the object
              // collector deletes objects this log still serves. Stop; the owner reloads.
              log.fencedByCompaction(cause);
              done.completeExceptionally(
                  new StorageException(
                      Reason.NOT_OWNER,
                      cause instanceof FencedException
                          ? "partition " + log.id() + " is owned at a newer epoch"
                          : "compaction swap of "
                              + log.id()
                              + " had an unknown outcome; the log stopped to be reloaded",
                      cause));
            }
          }

          @Override
          public void abandon(StorageException error) {
            done.completeExceptionally(error);
          }
        });
    return done;
  }

  /** A swap refused by a local check, before anything was written: the log stays as it was. */
  static final class Abort extends IllegalStateException {
    Abort(String message) {
      super(message);
    }
  }

  /** Whether {@code segments} still hold {@code window} as one contiguous run. */
  static boolean holds(List<SegmentRef> segments, List<SegmentRef> window) {
    int start = segments.indexOf(window.getFirst());
    return start >= 0
        && start + window.size() <= segments.size()
        && segments.subList(start, start + window.size()).equals(window);
  }

  private StorageException failure(Throwable err, List<SegmentRef> written) {
    Throwable cause = SegmentUploader.unwrap(err);
    if (cause instanceof SegmentUploader.FlushFailure f && f.getCause() != null) {
      cause = f.getCause();
    }
    if (cause instanceof StorageException se && se.reason() == Reason.NOT_OWNER) {
      return se;
    }
    List<String> objects = new ArrayList<>();
    for (SegmentRef r : written) {
      objects.add(r.objectKey());
      if (r.indexKey() != null) {
        objects.add(r.indexKey());
      }
    }
    LOG.warn(
        "compaction failed topic={} partition={} error={}",
        log.id().topic(),
        log.id().partition(),
        cause.toString());
    return new StorageException(
        Reason.FLUSH_FAILED,
        "compaction of "
            + log.id()
            + " failed, the log is unchanged; objects written and left to garbage collection: "
            + objects
            + " ("
            + cause.getMessage()
            + ")",
        cause);
  }

  private static TimestampedOffset maxOf(SegmentView view) {
    TimestampedOffset max = null;
    for (BatchHeader h : view.batches()) {
      if (h.recordCount() == 0) {
        continue; // an empty header keeps the removed records' max timestamp, not a record's
      }
      if (max == null || h.maxTimestamp() > max.timestamp()) {
        max = new TimestampedOffset(h.baseOffset(), h.maxTimestamp());
      }
    }
    return max;
  }

  private static TimestampedOffset later(TimestampedOffset a, TimestampedOffset b) {
    if (a == null) {
      return b;
    }
    return b == null || a.timestamp() >= b.timestamp() ? a : b;
  }
}
