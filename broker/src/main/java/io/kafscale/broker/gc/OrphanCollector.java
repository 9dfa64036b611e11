/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.gc;

import io.kafscale.broker.metrics.BrokerMeters;
import io.kafscale.broker.partition.Scheduler;
import io.kafscale.metadata.registry.SegmentReferences;
import io.kafscale.storage.objectstore.ObjectInfo;
import io.kafscale.storage.objectstore.ObjectStore;
import io.kafscale.storage.segment.SegmentKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * <p>A pass first checks the {@link ClusterMarker} and refuses to run if the namespace belongs to
 * another cluster. It then works one partition at a time (memory bounded by the largest partition):
 * the partitions of every existing topic, the partitions beyond the count of a re-created topic
 * (probed until one is empty) and every partition of a deleted topic (found by its epoch floor).
 * For each it lists the partition's objects, then reads that partition's segment references, so a
 * commit that lands between the two is seen as a reference; an object uploaded but not yet
 * committed when it was listed is committed long before a grace period later. {@link OrphanTracker}
 * deletes only what observations at least {@link OrphanGcConfig#grace()} apart both saw
 * unreferenced (first seen = when the listing completed). Deletions wait until the pass has seen a
 * reference; a pass that saw none while the metadata holds topics deletes nothing (a wrong or
 * emptied metadata root). Deletions go in bounded batches; failures are logged and retried next
 * pass. Passes never overlap. Thread-safe.
 */
public final class OrphanCollector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanCollector.class);
  static final int DELETE_BATCH = 500;

  /**
   * What one pass saw and did; {@code ran} is false when it was skipped (not controller, busy);
   * {@code refused} when it ran but deleted nothing for safety (foreign cluster marker, or no
   * reference at all while topics exist).
   */
  public record Pass(
      boolean ran, int candidates, int unreferenced, int deleted, long bytes, boolean refused) {
    static final Pass SKIPPED = new Pass(false, 0, 0, 0, 0, false);
  }

  /**
   * One partition to visit; {@code partition < 0} means every partition of a deleted topic; {@code
   * listed} is its listing when already made (then {@code listedAtMs} is when it completed).
   */
  private record Unit(
      String topic, int partition, boolean probe, List<ObjectInfo> listed, long listedAtMs) {}

  /** Mutable tally of one pass; touched by one pass at a time. */
  private static final class Tally {
    final boolean topicsExist;
    final Set<String> visited = new HashSet<>();
    final List<String> deferred = new ArrayList<>();
    final Map<String, Long> deferredSizes = new HashMap<>();
    long references;
    int candidates;
    int unreferenced;
    int due;
    int deleted;
    long bytes;

    Tally(boolean topicsExist) {
      this.topicsExist = topicsExist;
    }
  }

  private final ObjectStore objects;
  private final SegmentReferences references;
  private final OrphanCandidates candidates;
  private final ClusterMarker marker;
  private final BooleanSupplier isController;
  private final Scheduler scheduler;
  private final Clock clock;
  private final OrphanGcConfig config;
  private final OrphanTracker tracker;
  private final AtomicBoolean running = new AtomicBoolean();
  private final Counter completed;
  private final Counter failed;
  private final Counter refused;
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
      ClusterMarker marker,
      OrphanGcConfig config,
      BooleanSupplier isController,
      Scheduler scheduler,
      Clock clock,
      MeterRegistry meters) {
    this.objects = objects;
    this.references = references;
    this.candidates = candidates;
    this.marker = marker;
    this.config = config;
    this.isController = isController;
    this.scheduler = scheduler;
    this.clock = clock;
    this.tracker = new OrphanTracker(config.grace());
    String passes = BrokerMeters.ORPHAN_GC_PASSES.meterName();
    this.completed = meters.counter(passes, "result", "completed");
    this.failed = meters.counter(passes, "result", "failed");
    this.refused = meters.counter(passes, "result", "refused");
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
   * its deletions finished. Fails when checking the marker, listing or reading references failed
   * (deletions of partitions already visited stand; the rest waits for the next pass).
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
    CompletableFuture<Pass> pass;
    try {
      pass =
          marker
              .foreignOwner()
              .thenCompose(
                  foreign -> {
                    if (foreign.isPresent()) {
                      LOG.error(
                          "orphan gc refused: object marker {} names cluster {}, not ours; the"
                              + " namespace is shared with another cluster or the metadata store"
                              + " is not this cluster's; nothing deleted",
                          marker.key(),
                          foreign.get());
                      return CompletableFuture.completedFuture(new Pass(true, 0, 0, 0, 0, true));
                    }
                    return collect();
                  });
    } catch (RuntimeException e) {
      pass = CompletableFuture.failedFuture(e);
    }
    return pass.whenComplete(
        (p, e) -> {
          running.set(false);
          if (e != null) {
            failed.increment();
            LOG.warn("orphan gc pass failed error={}", e.toString());
          } else if (p.refused()) {
            refused.increment();
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

  private CompletableFuture<Pass> collect() {
    return references
        .partitionCounts()
        .thenCombine(references.deletedTopics(), this::plan)
        .thenCompose(
            planned -> {
              Tally tally = new Tally(!planned.counts().isEmpty());
              return visitAll(planned.units(), tally).thenCompose(v -> finish(tally));
            });
  }

  private record Plan(Map<String, Integer> counts, Deque<Unit> units) {}

  private Plan plan(Map<String, Integer> counts, Set<String> deleted) {
    Deque<Unit> units = new ArrayDeque<>();
    counts.forEach(
        (topic, count) -> {
          for (int p = 0; p < count; p++) {
            units.add(new Unit(topic, p, false, null, 0));
          }
          if (deleted.contains(topic)) {
            // Re-created: its earlier incarnation may have had more partitions.
            units.add(new Unit(topic, count, true, null, 0));
          }
        });
    for (String topic : deleted) {
      if (!counts.containsKey(topic)) {
        units.add(new Unit(topic, -1, false, null, 0));
      }
    }
    return new Plan(counts, units);
  }

  /**
   * Visits the units one after the other without growing the stack when futures complete
   * synchronously (in-memory stores): a loop while they are done, a callback when one is not.
   */
  private CompletableFuture<Void> visitAll(Deque<Unit> units, Tally tally) {
    CompletableFuture<Void> all = new CompletableFuture<>();
    step(units, tally, all);
    return all;
  }

  private void step(Deque<Unit> units, Tally tally, CompletableFuture<Void> all) {
    while (!units.isEmpty() && !closed) {
      CompletableFuture<Void> f;
      try {
        f = visit(units.poll(), units, tally);
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      if (!f.isDone() || f.isCompletedExceptionally()) {
        f.whenComplete(
            (v, e) -> {
              if (e != null) {
                all.completeExceptionally(e);
              } else {
                step(units, tally, all);
              }
            });
        return;
      }
    }
    all.complete(null);
  }

  private CompletableFuture<Void> visit(Unit unit, Deque<Unit> units, Tally tally) {
    String ns = candidates.namespace();
    if (unit.listed() != null) {
      return decide(unit.topic(), unit.partition(), unit.listed(), unit.listedAtMs(), tally);
    }
    if (unit.partition() < 0) {
      String topicPrefix = SegmentKeys.topicPrefix(ns, unit.topic());
      return objects
          .list(topicPrefix)
          .thenAccept(
              listed -> {
                long listedAt = clock.millis();
                Map<Integer, List<ObjectInfo>> byPartition = new TreeMap<>();
                for (ObjectInfo o : listed) {
                  if (candidates.isCandidate(o.key())) {
                    String rest = o.key().substring(topicPrefix.length());
                    int p = Integer.parseInt(rest.substring(0, rest.indexOf('/')));
                    byPartition.computeIfAbsent(p, k -> new ArrayList<>()).add(o);
                  }
                }
                List<Unit> found = new ArrayList<>();
                byPartition.forEach(
                    (p, os) -> found.add(new Unit(unit.topic(), p, false, os, listedAt)));
                for (int i = found.size() - 1; i >= 0; i--) {
                  units.addFirst(found.get(i));
                }
              });
    }
    String prefix = SegmentKeys.partitionPrefix(ns, unit.topic(), unit.partition());
    return objects
        .list(prefix)
        .thenCompose(
            listed -> {
              long listedAt = clock.millis();
              if (unit.probe()) {
                if (listed.stream().noneMatch(o -> candidates.isCandidate(o.key()))) {
                  return CompletableFuture.completedFuture(null);
                }
                units.addFirst(new Unit(unit.topic(), unit.partition() + 1, true, null, 0));
              }
              return decide(unit.topic(), unit.partition(), listed, listedAt, tally);
            });
  }

  /** Reads the partition's references (after its listing), observes, deletes what is due. */
  private CompletableFuture<Void> decide(
      String topic, int partition, List<ObjectInfo> listed, long listedAtMs, Tally tally) {
    String prefix = SegmentKeys.partitionPrefix(candidates.namespace(), topic, partition);
    return references
        .objectKeys(topic, partition)
        .thenCompose(
            refs -> {
              tally.references += refs.size();
              Map<String, Long> unreferenced = new HashMap<>();
              for (ObjectInfo o : listed) {
                if (o.key().startsWith(prefix) && candidates.isCandidate(o.key())) {
                  tally.candidates++;
                  if (!refs.contains(o.key())) {
                    unreferenced.put(o.key(), o.size());
                  }
                }
              }
              tally.unreferenced += unreferenced.size();
              tally.visited.add(prefix);
              List<String> due;
              synchronized (tracker) {
                due = tracker.observe(prefix, unreferenced.keySet(), listedAtMs);
              }
              tally.due += due.size();
              if (tally.references == 0 && tally.topicsExist) {
                // Not yet known whether this pass sees any reference: hold deletions back.
                tally.deferred.addAll(due);
                due.forEach(k -> tally.deferredSizes.put(k, unreferenced.get(k)));
                return CompletableFuture.completedFuture(null);
              }
              List<String> now = new ArrayList<>(tally.deferred);
              now.addAll(due);
              Map<String, Long> sizes = new HashMap<>(tally.deferredSizes);
              sizes.putAll(unreferenced);
              tally.deferred.clear();
              tally.deferredSizes.clear();
              return deleteFrom(now, 0, sizes, 0, 0)
                  .thenAccept(
                      done -> {
                        tally.deleted += (int) done[0];
                        tally.bytes += done[1];
                      });
            });
  }

  private CompletableFuture<Pass> finish(Tally tally) {
    synchronized (tracker) {
      if (!closed) {
        tracker.retainPrefixes(tally.visited);
      }
      pending = Math.max(0, tracker.pending() - tally.due);
    }
    boolean refuse = !tally.deferred.isEmpty();
    if (refuse) {
      // Reached only when topics exist yet no partition holds a reference.
      LOG.error(
          "orphan gc refused: the metadata store holds topics but no segment reference while"
              + " {} objects are past their grace; is the metadata store (and its key root) this"
              + " cluster's? nothing deleted",
          tally.deferred.size());
    }
    Pass p =
        new Pass(true, tally.candidates, tally.unreferenced, tally.deleted, tally.bytes, refuse);
    if (p.deleted() > 0) {
      LOG.info(
          "orphan gc deleted objects={} bytes={} unreferenced={} candidates={}",
          p.deleted(),
          p.bytes(),
          p.unreferenced(),
          p.candidates());
    }
    return CompletableFuture.completedFuture(p);
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
