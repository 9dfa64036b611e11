/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.gc;

import io.kafscale.broker.metrics.BrokerMeters;
import io.kafscale.broker.partition.Scheduler;
import io.kafscale.metadata.registry.SegmentReferences;
import io.kafscale.storage.objectstore.ObjectInfo;
import io.kafscale.storage.objectstore.ObjectStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes orphaned objects: segment and index objects of this namespace that no segment reference
 * points to (failed flushes, fenced uploads, deleted topics, compaction leftovers). Runs a pass
 * every {@link OrphanGcConfig#interval()} while {@code isController} says this broker is the
 * controller (one collector per cluster; a new controller starts over, which only delays deletion).
 *
 * <p>Each pass first lists the objects, then reads every segment reference, so a commit that lands
 * between the two is seen as a reference; an object uploaded but not yet committed when it was
 * listed is committed long before the next pass a grace period later. {@link OrphanTracker} deletes
 * only what two passes at least {@link OrphanGcConfig#grace()} apart both saw unreferenced.
 * Deletions go in bounded batches; failures are logged and retried next pass. Passes never overlap.
 * Thread-safe.
 */
public final class OrphanCollector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanCollector.class);
  static final int DELETE_BATCH = 500;

  /** What one pass saw and did; {@code ran} is false when it was skipped (not controller, busy). */
  public record Pass(boolean ran, int candidates, int unreferenced, int deleted, long bytes) {
    static final Pass SKIPPED = new Pass(false, 0, 0, 0, 0);
  }

  private final ObjectStore objects;
  private final SegmentReferences references;
  private final OrphanCandidates candidates;
  private final OrphanGcConfig config;
  private final BooleanSupplier isController;
  private final Scheduler scheduler;
  private final Clock clock;
  private final OrphanTracker tracker;
  private final AtomicBoolean running = new AtomicBoolean();
  private final Counter completed;
  private final Counter failed;
  private final Counter objectsDeleted;
  private final Counter bytesDeleted;
  private final Counter deleteFailures;
  private volatile int pending;
  private volatile Scheduler.Cancellable next;
  private volatile boolean closed;

  public OrphanCollector(
      ObjectStore objects,
      SegmentReferences references,
      OrphanCandidates candidates,
      OrphanGcConfig config,
      BooleanSupplier isController,
      Scheduler scheduler,
      Clock clock,
      MeterRegistry meters) {
    this.objects = objects;
    this.references = references;
    this.candidates = candidates;
    this.config = config;
    this.isController = isController;
    this.scheduler = scheduler;
    this.clock = clock;
    this.tracker = new OrphanTracker(config.grace());
    String passes = BrokerMeters.ORPHAN_GC_PASSES.meterName();
    this.completed = meters.counter(passes, "result", "completed");
    this.failed = meters.counter(passes, "result", "failed");
    this.objectsDeleted = meters.counter(BrokerMeters.ORPHAN_GC_OBJECTS_DELETED.meterName());
    this.bytesDeleted = meters.counter(BrokerMeters.ORPHAN_GC_BYTES_DELETED.meterName());
    this.deleteFailures = meters.counter(BrokerMeters.ORPHAN_GC_DELETE_FAILURES.meterName());
    Gauge.builder(BrokerMeters.ORPHAN_GC_PENDING.meterName(), this, c -> c.pending)
        .description(BrokerMeters.ORPHAN_GC_PENDING.description())
        .register(meters);
  }

  /** Runs a pass every interval, the first one interval from now. */
  public void start() {
    schedule();
  }

  private void schedule() {
    if (!closed) {
      next =
          scheduler.schedule(config.interval(), () -> runOnce().whenComplete((p, e) -> schedule()));
    }
  }

  /**
   * One pass (skipped when this broker is not the controller or a pass is running); completes when
   * its deletions finished. Fails when listing or reading references failed (nothing deleted).
   */
  public CompletableFuture<Pass> runOnce() {
    if (closed || !running.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(Pass.SKIPPED);
    }
    if (!controllerNow()) {
      synchronized (tracker) {
        tracker.reset();
        pending = 0;
      }
      running.set(false);
      return CompletableFuture.completedFuture(Pass.SKIPPED);
    }
    long startMs = clock.millis();
    CompletableFuture<Pass> pass;
    try {
      pass =
          objects
              .list(candidates.listingPrefix())
              .thenCompose(
                  listed ->
                      references.objectKeys().thenCompose(refs -> collect(listed, refs, startMs)));
    } catch (RuntimeException e) {
      pass = CompletableFuture.failedFuture(e);
    }
    return pass.whenComplete(
        (p, e) -> {
          running.set(false);
          if (e != null) {
            failed.increment();
            LOG.warn("orphan gc pass failed, nothing deleted error={}", e.toString());
          } else {
            completed.increment();
          }
        });
  }

  /** Whether this broker is the controller; "no" when that cannot be told right now. */
  private boolean controllerNow() {
    try {
      return isController.getAsBoolean();
    } catch (RuntimeException e) {
      LOG.warn("orphan gc skipped, controller unknown error={}", e.toString());
      return false;
    }
  }

  private CompletableFuture<Pass> collect(List<ObjectInfo> listed, Set<String> refs, long startMs) {
    Map<String, Long> unreferenced = new HashMap<>();
    int candidateCount = 0;
    for (ObjectInfo o : listed) {
      if (candidates.isCandidate(o.key())) {
        candidateCount++;
        if (!refs.contains(o.key())) {
          unreferenced.put(o.key(), o.size());
        }
      }
    }
    List<String> due;
    synchronized (tracker) {
      due = tracker.observe(unreferenced.keySet(), startMs);
      pending = tracker.pending() - due.size();
    }
    int candidatesSeen = candidateCount;
    return deleteFrom(due, 0, unreferenced, 0, 0)
        .thenApply(
            done -> {
              Pass p = new Pass(true, candidatesSeen, unreferenced.size(), (int) done[0], done[1]);
              if (p.deleted() > 0) {
                LOG.info(
                    "orphan gc deleted objects={} bytes={} unreferenced={} candidates={}",
                    p.deleted(),
                    p.bytes(),
                    p.unreferenced(),
                    p.candidates());
              }
              return p;
            });
  }

  /** Deletes {@code due} from {@code from} in batches, one batch at a time; {count, bytes}. */
  private CompletableFuture<long[]> deleteFrom(
      List<String> due, int from, Map<String, Long> sizes, long count, long bytes) {
    if (from >= due.size() || closed) {
      return CompletableFuture.completedFuture(new long[] {count, bytes});
    }
    List<String> batch = due.subList(from, Math.min(due.size(), from + DELETE_BATCH));
    long batchBytes = batch.stream().mapToLong(k -> sizes.getOrDefault(k, 0L)).sum();
    return objects
        .deleteAll(List.copyOf(batch))
        .handle(
            (v, e) -> {
              if (e != null) {
                deleteFailures.increment();
                LOG.warn(
                    "orphan gc delete failed, retried next pass count={} error={}",
                    batch.size(),
                    e.toString());
                return new long[] {count, bytes};
              }
              objectsDeleted.increment(batch.size());
              bytesDeleted.increment(batchBytes);
              return new long[] {count + batch.size(), bytes + batchBytes};
            })
        .thenCompose(acc -> deleteFrom(due, from + batch.size(), sizes, acc[0], acc[1]));
  }

  @Override
  public void close() {
    closed = true;
    Scheduler.Cancellable n = next;
    if (n != null) {
      n.cancel();
    }
  }
}
