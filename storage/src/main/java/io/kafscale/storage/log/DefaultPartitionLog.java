/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import io.kafscale.storage.batch.BatchHeader;
import io.kafscale.storage.batch.BatchValidator;
import io.kafscale.storage.batch.ControlBatches;
import io.kafscale.storage.compaction.BatchRewriter;
import io.kafscale.storage.log.StorageException.Reason;
import io.kafscale.storage.producer.ProducerCheck;
import io.kafscale.storage.producer.ProducerSnapshot;
import io.kafscale.storage.producer.ProducerStateTable;
import io.kafscale.storage.producer.SequenceBatch;
import io.micrometer.core.instrument.Timer;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PartitionLog} implementing the write path of architecture §4: validate → check producer
 * sequences → stage → (size or age) seal → assign offsets → encode → PUT → commit → advance the
 * high watermark → answer. At most one flush is in flight; batches keep staging meanwhile.
 *
 * <p>Threading: every state change runs on the partition's {@link SerialExecutor}; reads work on an
 * immutable {@link LogState} snapshot without it. Futures complete on storage threads.
 */
final class DefaultPartitionLog implements PartitionLog {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultPartitionLog.class);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

  private final PartitionId id;
  private final int epoch;
  private final StorageConfig storageConfig;
  private final FlushPolicy policy;
  private final Clock clock;
  private final LogScheduler scheduler;
  private final SerialExecutor serial;
  private final SegmentUploader uploader;
  private final SegmentCommitter committer;
  private final Supplier<String> suffixes;
  private final StorageMeters meters;
  private final SegmentSource source;
  private final RecentSegments recent;
  private final LogReader reader;
  // Every segment this log commits carries its own epoch, so the history fixed at open stays
  // right; only the end of the latest epoch (the high watermark) moves.
  private final EpochHistory epochs;
  private final CopyOnWriteArrayList<LongConsumer> listeners = new CopyOnWriteArrayList<>();

  private volatile LogConfig config;
  private volatile LogState state;
  private volatile TimestampedOffset maxTimestamp;
  private volatile boolean closed;

  // Owned by the serial executor.
  private final WriteBuffer buffer = new WriteBuffer();
  private final ProducerStateTable producers;
  private final Map<Long, PendingAppend> unresolved = new HashMap<>();
  private List<CompletableFuture<Void>> nextFlushWaiters = new ArrayList<>();
  private List<CompletableFuture<Void>> inFlightWaiters = new ArrayList<>();
  private boolean flushing;
  // A trim's commit is in flight: no flush starts meanwhile (one writer of the partition state).
  private boolean trimming;
  private final ArrayDeque<PendingTrim> trims = new ArrayDeque<>();
  private boolean forceFlush;
  private LogScheduler.Cancellable timer;
  private long timerDeadline = Long.MIN_VALUE;
  private long lastFlushEndMs = Long.MIN_VALUE / 2;

  /** Bytes the last successful flush carried plus those staged when it ended (0: unknown). */
  private long windowBytes;

  // Clock time of the last committed flush (-1: none yet), for FlushState.
  private long lastCommittedFlushMs = -1;
  private long nextAppendId;
  // Compaction: the work runs in LogCompaction; its swap runs exclusive of flushes and trims.
  private final LogCompaction compaction;
  private final BatchRewriter inspector;
  private final boolean transactionsEnabled;
  private final ArrayDeque<LogCompaction.Exclusive> exclusives = new ArrayDeque<>();
  private boolean exclusive;

  DefaultPartitionLog(
      PartitionId id, int epoch, LogConfig config, RecoveredPartition recovered, LogContext ctx) {
    this.id = id;
    this.epoch = epoch;
    this.config = config;
    this.storageConfig = ctx.config();
    this.policy = FlushPolicy.of(ctx.config());
    this.clock = ctx.clock();
    this.inspector = ctx.rewriter();
    this.scheduler = ctx.scheduler();
    this.serial = new SerialExecutor(ctx.scheduler());
    this.uploader = ctx.uploader();
    this.committer = ctx.committer();
    this.suffixes = ctx.suffixes();
    this.meters = ctx.meters();
    this.source = ctx.source();
    this.recent = new RecentSegments(ctx.recentBytesPerPartition());
    this.reader = new LogReader(recent, source);
    this.producers = new ProducerStateTable(recovered.producers());
    this.state =
        LogState.of(recovered)
            .withFirstUnstableOffset(producers.firstUnstableOffset().orElse(Long.MAX_VALUE));
    this.epochs = EpochHistory.of(recovered.segments(), epoch, recovered.highWatermark());
    this.transactionsEnabled = ctx.transactionsEnabled();
    this.maxTimestamp = maxTimestampOf(recovered.segments(), recovered.logStartOffset());
    this.compaction = new LogCompaction(this, ctx);
  }

  private static TimestampedOffset maxTimestampOf(List<SegmentRef> segments, long logStart) {
    return segments.stream()
        .filter(r -> r.lastOffset() >= logStart)
        .reduce((a, b) -> b.maxTimestamp() > a.maxTimestamp() ? b : a)
        .map(r -> new TimestampedOffset(r.baseOffset(), r.maxTimestamp()))
        .orElse(null);
  }

  @Override
  public PartitionId id() {
    return id;
  }

  @Override
  public int epoch() {
    return epoch;
  }

  @Override
  public CompletableFuture<AppendResult> append(ByteBuffer records) {
    CompletableFuture<AppendResult> result = new CompletableFuture<>();
    try {
      serial.execute(() -> doAppend(records, result));
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(notOwner("storage threads are shut down"));
    }
    return result;
  }

  private void doAppend(ByteBuffer records, CompletableFuture<AppendResult> result) {
    if (closed) {
      result.completeExceptionally(notOwner("log of " + id + " at epoch " + epoch + " is closed"));
      return;
    }
    LogConfig cfg = config;
    List<BatchHeader> headers;
    try {
      headers =
          AppendValidator.validate(records, cfg, clock.millis(), inspector, transactionsEnabled);
    } catch (StorageException e) {
      result.completeExceptionally(e);
      return;
    }
    long appendId = nextAppendId++;
    List<SequenceBatch> seqs = AppendValidator.sequences(headers);
    switch (producers.tryStage(appendId, seqs)) {
      case ProducerCheck.Accepted a -> {
        PendingAppend p =
            new PendingAppend(
                appendId,
                BatchValidator.slices(records, headers),
                headers,
                cfg.logAppendTime(),
                result);
        buffer.add(p, clock.millis());
        unresolved.put(appendId, p);
        maybeFlush();
      }
      case ProducerCheck.Duplicate(ProducerSnapshot.BatchEntry e, ProducerCheck.StagedRef ref)
          when e != null ->
          result.complete(
              new AppendResult(e.firstOffset(), e.lastOffset(), -1, state.logStartOffset()));
      case ProducerCheck.Duplicate(ProducerSnapshot.BatchEntry e, ProducerCheck.StagedRef ref) ->
          answerLikeStaged(ref, result);
      case ProducerCheck.Rejected(Reason reason, String message) ->
          result.completeExceptionally(new StorageException(reason, message));
    }
  }

  @Override
  public CompletableFuture<AppendResult> appendMarker(TxnMarker marker) {
    CompletableFuture<AppendResult> result = new CompletableFuture<>();
    try {
      serial.execute(() -> doAppendMarker(marker, result));
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(notOwner("storage threads are shut down"));
    }
    return result;
  }

  private void doAppendMarker(TxnMarker marker, CompletableFuture<AppendResult> result) {
    if (closed) {
      result.completeExceptionally(notOwner("log of " + id + " at epoch " + epoch + " is closed"));
      return;
    }
    long appendId = nextAppendId++;
    ProducerCheck check =
        producers.tryStageMarker(
            appendId, marker.producerId(), marker.producerEpoch(), marker.commit());
    if (check instanceof ProducerCheck.Rejected(Reason reason, String message)) {
      result.completeExceptionally(new StorageException(reason, message));
      return;
    }
    ByteBuffer batch =
        ControlBatches.marker(
            marker.producerId(),
            marker.producerEpoch(),
            marker.commit(),
            marker.coordinatorEpoch(),
            epoch,
            clock.millis());
    List<BatchHeader> headers = BatchValidator.validate(batch, Integer.MAX_VALUE);
    PendingAppend p =
        new PendingAppend(appendId, BatchValidator.slices(batch, headers), headers, false, result);
    buffer.add(p, clock.millis());
    unresolved.put(appendId, p);
    // The coordinator waits for every partition's marker: do not let it wait for the flush age.
    forceFlush = true;
    maybeFlush();
  }

  /** A duplicate of a batch still in flight is answered when (and as) the original is. */
  private void answerLikeStaged(
      ProducerCheck.StagedRef ref, CompletableFuture<AppendResult> result) {
    PendingAppend original = unresolved.get(ref.appendId());
    if (original == null) {
      result.completeExceptionally(
          new StorageException(Reason.FLUSH_FAILED, "original batch is no longer pending"));
      return;
    }
    int i = ref.batchIndex();
    original.future.whenComplete(
        (r, err) -> {
          if (err != null) {
            result.completeExceptionally(err);
          } else {
            result.complete(
                new AppendResult(
                    original.batchBaseOffsets[i],
                    original.batchLastOffset(i),
                    r.logAppendTimeMs(),
                    r.logStartOffset()));
          }
        });
  }

  private void maybeFlush() {
    if (flushing || trimming || exclusive) {
      return;
    }
    if (buffer.isEmpty()) {
      // Nothing staged is left for the waiters of a next flush (defensive: the paths that empty
      // the buffer answer them themselves).
      forceFlush = false;
      List<CompletableFuture<Void>> waiters = nextFlushWaiters;
      nextFlushWaiters = new ArrayList<>();
      waiters.forEach(w -> w.complete(null));
      return;
    }
    long now = clock.millis();
    if (forceFlush
        || buffer.shouldFlush(
            now, lastFlushEndMs, windowBytes, policy.cappedAt(config.segmentBytes()))) {
      startFlush(now);
    } else {
      armTimer(policy.dueAt(buffer.bytes(), buffer.oldestStagedMs(), lastFlushEndMs), now);
    }
  }

  private void armTimer(long deadline, long now) {
    if (timer != null && timerDeadline == deadline) {
      return;
    }
    cancelTimer();
    timerDeadline = deadline;
    timer =
        scheduler.schedule(
            () ->
                serial.execute(
                    () -> {
                      timer = null;
                      timerDeadline = Long.MIN_VALUE;
                      maybeFlush();
                    }),
            Duration.ofMillis(Math.max(0, deadline - now)));
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
      timerDeadline = Long.MIN_VALUE;
    }
  }

  private void startFlush(long now) {
    cancelTimer();
    forceFlush = false;
    flushing = true;
    meters.stagedWait.record(Math.max(0, now - buffer.oldestStagedMs()), TimeUnit.MILLISECONDS);
    Timer.Sample started = meters.startSample();
    List<PendingAppend> sealed = buffer.seal();
    inFlightWaiters = nextFlushWaiters;
    nextFlushWaiters = new ArrayList<>();
    FlushPlan plan;
    List<ProducerSnapshot> snapshots;
    try {
      plan =
          FlushPlan.build(
              sealed,
              state.highWatermark(),
              now,
              id,
              epoch,
              storageConfig,
              suffixes.get(),
              source.wholeSegmentMaxBytes());
      snapshots = producers.project(plan.committedBatches(), now);
      List<AbortedTxn> aborted = producers.abortedBy(plan.committedBatches(), now);
      if (!aborted.isEmpty()) {
        plan = plan.withRef(plan.ref().withAbortedTxns(aborted));
      }
    } catch (RuntimeException e) {
      LOG.error("encoding a flush failed topic={} partition={}", id.topic(), id.partition(), e);
      flushFailed(sealed, new SegmentUploader.FlushFailure("encode", e));
      return;
    }
    started.stop(meters.encodeLatency);
    FlushPlan sealedPlan = plan;
    CompletableFuture<Void> uploaded;
    try {
      uploaded = uploader.uploadAndCommit(id, epoch, sealedPlan, snapshots);
    } catch (RuntimeException e) {
      // E.g. an upload executor rejecting work at shutdown: without this the log stays "flushing".
      flushFailed(sealed, new SegmentUploader.FlushFailure("put", e));
      return;
    }
    List<CompletableFuture<Void>> waiters = inFlightWaiters;
    uploaded.whenComplete(
        (v, err) -> {
          try {
            serial.execute(
                () -> {
                  if (err == null) {
                    flushCommitted(sealedPlan);
                    started.stop(meters.flushLatency);
                  } else {
                    flushFailed(sealed, SegmentUploader.unwrap(err));
                  }
                });
          } catch (RejectedExecutionException e) {
            // The storage threads are gone, so no task of this log runs again: answer directly.
            // The outcome may be unknown (the commit may have landed), hence NOT_OWNER.
            StorageException error = notOwner("storage threads shut down during a flush of " + id);
            sealed.forEach(p -> p.future.completeExceptionally(error));
            waiters.forEach(w -> w.completeExceptionally(error));
          }
        });
  }

  private void flushCommitted(FlushPlan plan) {
    SegmentRef ref = plan.ref();
    // Producer state first: the new snapshot carries the last stable offset of this commit, so no
    // reader pairs the new data with an older LSO (or an ABORT's data without its marker).
    producers.applyCommitted(plan.committedBatches(), plan.nowMs());
    state = state.withSegment(ref, producers.firstUnstableOffset().orElse(Long.MAX_VALUE));
    recent.add(plan.view());
    source.remember(ref, plan.view());
    if (maxTimestamp == null || plan.maxTimestamp().timestamp() > maxTimestamp.timestamp()) {
      maxTimestamp = plan.maxTimestamp();
    }
    lastCommittedFlushMs = clock.millis();
    meters.flushes.increment();
    meters.flushBytes.record(plan.batchBytes());
    meters.flushBatches.record(plan.batchCount());
    long lso = state.logStartOffset();
    for (PendingAppend p : plan.appends()) {
      unresolved.remove(p.appendId);
      long appendTime = p.logAppendTime ? plan.nowMs() : -1;
      p.future.complete(
          new AppendResult(
              p.batchBaseOffsets[0], p.batchLastOffset(p.headers.size() - 1), appendTime, lso));
    }
    windowBytes = plan.batchBytes() + buffer.bytes();
    finishFlush(null);
    long hw = state.highWatermark();
    for (LongConsumer l : listeners) {
      try {
        l.accept(hw);
      } catch (RuntimeException e) {
        LOG.warn(
            "high watermark listener failed topic={} partition={}", id.topic(), id.partition(), e);
      }
    }
    maybeFlush();
  }

  private void flushFailed(List<PendingAppend> sealed, Throwable failure) {
    Throwable cause =
        failure instanceof SegmentUploader.FlushFailure f && f.getCause() != null
            ? f.getCause()
            : failure;
    if (cause instanceof FencedException) {
      fence(sealed, cause);
      return;
    }
    String stage = failure instanceof SegmentUploader.FlushFailure f ? f.stage : "put";
    meters.flushFailed(stage);
    LOG.warn(
        "flush failed topic={} partition={} error={}",
        id.topic(),
        id.partition(),
        failure.toString());
    StorageException error =
        new StorageException(
            Reason.FLUSH_FAILED,
            "flush of " + id + " failed at " + stage + "; nothing was written",
            cause);
    Set<Long> touched = producers.discard(sealed.stream().map(p -> p.appendId).toList());
    // Staged batches of the same producers now follow a sequence gap: fail them as well, so the
    // producer resends everything in order and the committed sequences stay gapless.
    Set<Long> following = producers.appendIdsOf(touched);
    producers.discard(following);
    List<PendingAppend> failed = new ArrayList<>(sealed);
    failed.addAll(buffer.removeIf(p -> following.contains(p.appendId)));
    for (PendingAppend p : failed) {
      unresolved.remove(p.appendId);
      p.future.completeExceptionally(error);
    }
    finishFlush(error);
    if (buffer.isEmpty()) {
      // Every batch a waiter asked to flush has failed; maybeFlush would not answer them.
      failNextFlushWaiters(error);
    }
    maybeFlush();
  }

  private void failNextFlushWaiters(Throwable error) {
    forceFlush = false;
    List<CompletableFuture<Void>> waiters = nextFlushWaiters;
    nextFlushWaiters = new ArrayList<>();
    waiters.forEach(w -> w.completeExceptionally(error));
  }

  /** The epoch moved: this log may never write again. */
  private void fence(List<PendingAppend> sealed, Throwable cause) {
    meters.flushFailed("fenced");
    LOG.warn("partition fenced topic={} partition={} epoch={}", id.topic(), id.partition(), epoch);
    closed = true;
    cancelTimer();
    StorageException error =
        new StorageException(
            Reason.NOT_OWNER,
            "partition " + id + " is owned at a newer epoch than " + epoch,
            cause);
    List<PendingAppend> failed = new ArrayList<>(sealed);
    failed.addAll(buffer.seal());
    producers.discard(failed.stream().map(p -> p.appendId).toList());
    for (PendingAppend p : failed) {
      unresolved.remove(p.appendId);
      p.future.completeExceptionally(error);
    }
    finishFlush(error);
    failNextFlushWaiters(error);
    failTrims(error);
    LogCompaction.Exclusive x;
    while ((x = exclusives.poll()) != null) {
      x.abandon(error);
    }
  }

  private void finishFlush(Throwable error) {
    flushing = false;
    if (error != null) {
      windowBytes = 0;
    }
    lastFlushEndMs = clock.millis();
    maybeExclusive();
    maybeTrim();
    List<CompletableFuture<Void>> waiters = inFlightWaiters;
    inFlightWaiters = new ArrayList<>();
    for (CompletableFuture<Void> w : waiters) {
      if (error == null) {
        w.complete(null);
      } else {
        w.completeExceptionally(error);
      }
    }
  }

  private record PendingTrim(TrimRequest request, CompletableFuture<RetentionPlan> done) {}

  @Override
  public CompletableFuture<RetentionPlan> trim(TrimRequest request) {
    CompletableFuture<RetentionPlan> done = new CompletableFuture<>();
    try {
      serial.execute(
          () -> {
            trims.add(new PendingTrim(request, done));
            maybeTrim();
          });
    } catch (RejectedExecutionException e) {
      done.completeExceptionally(notOwner("storage threads are shut down"));
    }
    return done;
  }

  /** Starts the next queued trim unless a flush or trim is in flight. On the serial executor. */
  private void maybeTrim() {
    while (!trimming && !flushing && !exclusive && !trims.isEmpty()) {
      PendingTrim t = trims.poll();
      if (closed) {
        t.done()
            .completeExceptionally(notOwner("log of " + id + " at epoch " + epoch + " is closed"));
        continue;
      }
      RetentionPlan plan;
      try {
        plan = plan(t.request());
      } catch (StorageException e) {
        t.done().completeExceptionally(e);
        continue;
      }
      if (plan.isNoop()) {
        t.done().complete(plan);
        continue;
      }
      trimming = true;
      CompletableFuture<Void> committed;
      try {
        committed = committer.trim(id, epoch, plan.logStartOffset(), plan.deleted());
      } catch (RuntimeException e) {
        committed = CompletableFuture.failedFuture(e);
      }
      committed.whenComplete(
          (v, err) -> {
            try {
              serial.execute(() -> trimCommitted(t, plan, err));
            } catch (RejectedExecutionException e) {
              t.done().completeExceptionally(notOwner("storage threads shut down during a trim"));
            }
          });
    }
  }

  private RetentionPlan plan(TrimRequest request) {
    LogState st = state;
    return switch (request) {
      case TrimRequest.Retention r ->
          RetentionPlan.retention(
              st.segments(),
              st.logStartOffset(),
              st.highWatermark(),
              clock.millis(),
              r.retentionMs(),
              r.retentionBytes());
      case TrimRequest.DeleteBefore d -> {
        long offset =
            d.offset() == TrimRequest.DeleteBefore.HIGH_WATERMARK ? st.highWatermark() : d.offset();
        if (offset < 0 || offset > st.highWatermark()) {
          throw new StorageException(
              Reason.OFFSET_OUT_OF_RANGE,
              "offset " + d.offset() + " is above the high watermark " + st.highWatermark());
        }
        yield RetentionPlan.deleteBefore(
            st.segments(), st.logStartOffset(), st.highWatermark(), offset);
      }
    };
  }

  private void trimCommitted(PendingTrim t, RetentionPlan plan, Throwable err) {
    trimming = false;
    Throwable cause = SegmentUploader.unwrap(err);
    if (err == null) {
      state = state.trimmed(plan);
      for (SegmentRef ref : plan.deleted()) {
        recent.remove(ref.baseOffset());
        source.forget(ref);
      }
      TimestampedOffset max = maxTimestamp;
      if (max != null && max.offset() < state.logStartOffset()) {
        maxTimestamp = maxTimestampOf(state.segments(), state.logStartOffset());
      }
      t.done().complete(plan);
    } else if (cause instanceof FencedException) {
      t.done().completeExceptionally(notOwner("partition " + id + " is owned at a newer epoch"));
      fence(List.of(), cause);
    } else if (cause instanceof UnsupportedOperationException
        || cause instanceof IllegalArgumentException) {
      // Refused before anything was written: the store is as this log knows it.
      LOG.warn(
          "trim failed topic={} partition={} error={}",
          id.topic(),
          id.partition(),
          cause.toString());
      t.done()
          .completeExceptionally(
              new StorageException(
                  Reason.FLUSH_FAILED, "trimming " + id + " failed; nothing was removed", cause));
    } else {
      // Unknown outcome: the trim may have applied with its answer lost. Serving on would keep
      // references the store no longer has (their objects then go to garbage collection while
      // still read here), so stop like a fenced log; the owner reloads the log from the store.
      LOG.warn(
          "trim outcome unknown, stopping the log topic={} partition={} error={}",
          id.topic(),
          id.partition(),
          cause.toString());
      t.done()
          .completeExceptionally(
              new StorageException(
                  Reason.NOT_OWNER,
                  "trimming " + id + " had an unknown outcome; the log stopped to be reloaded",
                  cause));
      fence(List.of(), cause);
    }
    maybeExclusive();
    maybeTrim();
    maybeFlush();
  }

  private void failTrims(Throwable error) {
    PendingTrim t;
    while ((t = trims.poll()) != null) {
      t.done().completeExceptionally(error);
    }
  }

  @Override
  public CompletableFuture<CompactionResult> compact(CompactionRequest request) {
    return compaction.compact(request);
  }

  LogState state() {
    return state;
  }

  /** Queues {@code step} to run once no flush or trim is in flight (see LogCompaction). */
  void runExclusive(LogCompaction.Exclusive step) {
    try {
      serial.execute(
          () -> {
            exclusives.add(step);
            maybeExclusive();
          });
    } catch (RejectedExecutionException e) {
      step.abandon(notOwner("storage threads are shut down"));
    }
  }

  private void maybeExclusive() {
    while (!exclusive && !flushing && !trimming && !exclusives.isEmpty()) {
      LogCompaction.Exclusive step = exclusives.poll();
      if (closed) {
        step.abandon(notOwner("log of " + id + " at epoch " + epoch + " is closed"));
        continue;
      }
      exclusive = true;
      step.start(state)
          .whenComplete(
              (v, err) -> {
                try {
                  serial.execute(
                      () -> {
                        step.finish(err);
                        exclusive = false;
                        maybeExclusive();
                        maybeTrim();
                        maybeFlush();
                      });
                } catch (RejectedExecutionException e) {
                  step.abandon(notOwner("storage threads shut down during a compaction swap"));
                }
              });
    }
  }

  /** A compaction swap was committed: readers see {@code added} instead of {@code removed}. */
  void compacted(List<SegmentRef> removed, List<SegmentRef> added, TimestampedOffset addedMax) {
    // Dropped before the state changes: a reader of the new state must not find an old view
    // under a shared base offset. Readers of the old state still load the old objects.
    for (SegmentRef ref : removed) {
      recent.remove(ref.baseOffset());
      source.forget(ref);
    }
    state = state.replaced(removed, added);
    TimestampedOffset max = maxTimestamp;
    if (max != null
        && max.offset() >= removed.getFirst().baseOffset()
        && max.offset() <= removed.getLast().lastOffset()) {
      List<SegmentRef> others = new ArrayList<>(state.segments());
      others.removeAll(added);
      TimestampedOffset rest = maxTimestampOf(others, state.logStartOffset());
      maxTimestamp =
          rest == null || (addedMax != null && addedMax.timestamp() >= rest.timestamp())
              ? addedMax
              : rest;
    }
  }

  void fencedByCompaction(Throwable cause) {
    fence(List.of(), cause);
  }

  @Override
  public CompletableFuture<Void> flush() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      serial.execute(() -> requestFlush(done));
    } catch (RejectedExecutionException e) {
      done.completeExceptionally(notOwner("storage threads are shut down"));
    }
    return done;
  }

  private void requestFlush(CompletableFuture<Void> done) {
    if (!buffer.isEmpty()) {
      nextFlushWaiters.add(done);
      forceFlush = true;
      maybeFlush();
    } else if (flushing) {
      inFlightWaiters.add(done);
    } else {
      done.complete(null);
    }
  }

  @Override
  public CompletableFuture<FlushState> flushState() {
    CompletableFuture<FlushState> out = new CompletableFuture<>();
    try {
      serial.execute(
          () ->
              out.complete(
                  new FlushState(
                      buffer.bytes(),
                      buffer.batchCount(),
                      buffer.isEmpty() ? -1 : buffer.oldestStagedMs(),
                      flushing,
                      lastCommittedFlushMs)));
    } catch (RejectedExecutionException e) {
      out.completeExceptionally(notOwner("storage threads are shut down"));
    }
    return out;
  }

  @Override
  public CompletableFuture<ReadResult> read(long offset, int maxBytes, boolean minOneBatch) {
    return read(offset, maxBytes, minOneBatch, false);
  }

  @Override
  public CompletableFuture<ReadResult> read(
      long offset, int maxBytes, boolean minOneBatch, boolean readCommitted) {
    LogState st = state;
    return reader.read(st, offset, maxBytes, minOneBatch, st.lastStableOffset(), readCommitted);
  }

  @Override
  public long lastStableOffset() {
    return state.lastStableOffset();
  }

  @Override
  public boolean isOpen() {
    return !closed;
  }

  @Override
  public long highWatermark() {
    return state.highWatermark();
  }

  @Override
  public long logStartOffset() {
    return state.logStartOffset();
  }

  @Override
  public List<SegmentRef> segments() {
    return state.segments();
  }

  @Override
  public CompletableFuture<Optional<ByteBuffer>> firstBatchWithTimestampAtLeast(long timestamp) {
    return reader.firstBatchWithTimestampAtLeast(state, timestamp);
  }

  /**
   * For batches committed by this log the offset is the base offset of the batch holding the
   * largest timestamp (after compaction that base offset may name a removed record: a rebuilt batch
   * keeps its original base offset, and zero-record headers are never chosen; the broker's
   * ListOffsets looks into the batch for the exact record, as Kafka answers); for recovered
   * segments only their summary is known, so it is the base offset of that segment (callers needing
   * the exact batch use {@link #firstBatchWithTimestampAtLeast} with the returned timestamp).
   */
  @Override
  public Optional<TimestampedOffset> maxTimestamp() {
    return Optional.ofNullable(maxTimestamp);
  }

  @Override
  public EpochEndOffset endOffsetForEpoch(int leaderEpoch) {
    return epochs.endOffsetFor(leaderEpoch, state.highWatermark());
  }

  @Override
  public AutoCloseable onHighWatermark(LongConsumer listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public void updateConfig(LogConfig config) {
    this.config = config;
  }

  @Override
  public void close() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      serial.execute(
          () -> {
            if (closed) {
              done.complete(null);
              return;
            }
            closed = true;
            requestFlush(done);
          });
    } catch (RejectedExecutionException e) {
      closed = true;
      return;
    }
    if (!SerialExecutor.onStorageThread()) {
      try {
        done.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.warn(
            "final flush on close failed topic={} partition={} error={}",
            id.topic(),
            id.partition(),
            e.toString());
      }
    }
  }

  private static StorageException notOwner(String message) {
    return new StorageException(Reason.NOT_OWNER, message);
  }

  @Override
  public CompletableFuture<List<ProducerSnapshot>> producerStates() {
    return producerSnapshots();
  }

  /** Committed producer states (for tests and handover). */
  CompletableFuture<List<ProducerSnapshot>> producerSnapshots() {
    CompletableFuture<List<ProducerSnapshot>> out = new CompletableFuture<>();
    serial.execute(() -> out.complete(producers.snapshots()));
    return out;
  }
}
