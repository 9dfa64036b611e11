/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import io.kafscale.broker.metrics.BrokerMeters;
import io.kafscale.metadata.config.TopicConfigCatalogue;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.storage.log.CompactionRequest;
import io.kafscale.storage.log.CompactionResult;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.log.SegmentRef;
import io.kafscale.storage.objectstore.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log compaction of the partitions this broker owns whose topic's {@code cleanup.policy} includes
 * {@code compact}: every check interval it asks each open log to {@link PartitionLog#compact} with
 * a request built from the topic's configs (the log decides whether the dirty ratio or the maximum
 * compaction lag makes it due, and swaps compacted segments in through one fenced metadata
 * transaction). Partitions are compacted one after another and a sweep never overlaps the previous
 * one, which bounds memory, object-store and metadata load. The objects of replaced segments (and
 * their indexes) are deleted {@code file.delete.delay.ms} later on the scheduler, since fetches
 * that located them before the swap may still be reading them. Thread-safe.
 */
public final class CompactionSweeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CompactionSweeper.class);

  /**
   * Upper bound of a compacted segment, whatever {@code segment.bytes} says: the compactor builds
   * each output segment in memory.
   */
  static final int MAX_COMPACTED_SEGMENT_BYTES = 64 << 20;

  /** Result of one sweep: partitions asked, partitions compacted, what was swapped, failures. */
  public record Sweep(
      int partitions,
      int compacted,
      int segmentsReplaced,
      long bytesBefore,
      long bytesAfter,
      int failures) {
    static final Sweep EMPTY = new Sweep(0, 0, 0, 0, 0, 0);

    Sweep plus(CompactionResult r) {
      return new Sweep(
          partitions + 1,
          compacted + (r.compacted() ? 1 : 0),
          segmentsReplaced + r.replaced().size(),
          bytesBefore + r.bytesBefore(),
          bytesAfter + r.bytesAfter(),
          failures);
    }

    Sweep failed() {
      return new Sweep(
          partitions + 1, compacted, segmentsReplaced, bytesBefore, bytesAfter, failures + 1);
    }
  }

  /** One log to compact, how, and how long its replaced objects must outlive the swap. */
  record Target(PartitionLog log, CompactionRequest request, Duration deleteDelay) {}

  private final Supplier<List<Target>> targets;
  private final ObjectStore objects;
  private final Scheduler scheduler;
  private final MeterRegistry registry;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile Duration interval;
  private volatile Scheduler.Cancellable next;
  private volatile boolean closed;

  public CompactionSweeper(
      TopicManager topics, ObjectStore objects, Scheduler scheduler, MeterRegistry registry) {
    this(() -> targetsOf(topics), objects, scheduler, registry);
  }

  /** With the logs to visit supplied directly (tests use fake logs). */
  CompactionSweeper(
      Supplier<List<Target>> targets,
      ObjectStore objects,
      Scheduler scheduler,
      MeterRegistry registry) {
    this.targets = targets;
    this.objects = objects;
    this.scheduler = scheduler;
    this.registry = registry;
    // Registered up front, so a scrape shows zeros rather than nothing before the first compaction.
    for (BrokerMeters m :
        List.of(
            BrokerMeters.COMPACTION_RUNS,
            BrokerMeters.COMPACTION_SEGMENTS_REPLACED,
            BrokerMeters.COMPACTION_BYTES_BEFORE,
            BrokerMeters.COMPACTION_BYTES_AFTER,
            BrokerMeters.COMPACTION_FAILURES)) {
      registry.counter(m.meterName());
    }
  }

  /** Sweeps every {@code interval}, the first time one interval from now. */
  public void start(Duration interval) {
    this.interval = interval;
    schedule();
  }

  private void schedule() {
    if (!closed) {
      next = scheduler.schedule(interval, () -> sweep().whenComplete((s, e) -> schedule()));
    }
  }

  /**
   * One pass over the owned compacted partitions; completes when every compaction finished (object
   * deletions are only scheduled). A sweep requested while one runs completes at once, empty.
   */
  public CompletableFuture<Sweep> sweep() {
    if (closed || !running.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(Sweep.EMPTY);
    }
    List<Target> list;
    try {
      list = targets.get();
    } catch (RuntimeException e) {
      running.set(false);
      LOG.warn("compaction sweep skipped error={}", e.toString());
      return CompletableFuture.completedFuture(Sweep.EMPTY);
    }
    return sweepFrom(list, 0, Sweep.EMPTY)
        .whenComplete(
            (s, e) -> {
              running.set(false);
              if (s != null && (s.compacted() > 0 || s.failures() > 0)) {
                LOG.info(
                    "compaction sweep partitions={} compacted={} segments={} bytesBefore={}"
                        + " bytesAfter={} failures={}",
                    s.partitions(),
                    s.compacted(),
                    s.segmentsReplaced(),
                    s.bytesBefore(),
                    s.bytesAfter(),
                    s.failures());
              }
            });
  }

  private CompletableFuture<Sweep> sweepFrom(List<Target> list, int i, Sweep acc) {
    if (i == list.size() || closed) {
      return CompletableFuture.completedFuture(acc);
    }
    Target t = list.get(i);
    if (!t.log().isOpen()) {
      return sweepFrom(list, i + 1, acc); // moved away since the list was taken
    }
    CompletableFuture<CompactionResult> compaction;
    try {
      compaction = t.log().compact(t.request());
    } catch (RuntimeException e) {
      compaction = CompletableFuture.failedFuture(e);
    }
    return compaction
        .handle((r, e) -> e != null ? failed(t, e, acc) : compacted(t, r, acc))
        .thenCompose(s -> sweepFrom(list, i + 1, s));
  }

  private Sweep failed(Target t, Throwable e, Sweep acc) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    registry.counter(BrokerMeters.COMPACTION_FAILURES.meterName()).increment();
    LOG.warn(
        "compaction failed topic={} partition={} error={}",
        t.log().id().topic(),
        t.log().id().partition(),
        cause.toString());
    return acc.failed();
  }

  private Sweep compacted(Target t, CompactionResult r, Sweep acc) {
    if (r.compacted()) {
      registry.counter(BrokerMeters.COMPACTION_RUNS.meterName()).increment();
      registry
          .counter(BrokerMeters.COMPACTION_SEGMENTS_REPLACED.meterName())
          .increment(r.replaced().size());
      registry.counter(BrokerMeters.COMPACTION_BYTES_BEFORE.meterName()).increment(r.bytesBefore());
      registry.counter(BrokerMeters.COMPACTION_BYTES_AFTER.meterName()).increment(r.bytesAfter());
      LOG.info(
          "segments compacted topic={} partition={} replaced={} added={} bytesBefore={}"
              + " bytesAfter={}",
          t.log().id().topic(),
          t.log().id().partition(),
          r.replaced().size(),
          r.added().size(),
          r.bytesBefore(),
          r.bytesAfter());
      deleteLater(t, r.replaced());
    }
    return acc.plus(r);
  }

  /**
   * Deleted after the delay even if this broker loses the partition meanwhile: the swap is already
   * committed, so no new reader can find these objects.
   */
  private void deleteLater(Target t, List<SegmentRef> replaced) {
    List<String> keys = new ArrayList<>();
    for (SegmentRef s : replaced) {
      keys.add(s.objectKey());
      if (s.indexKey() != null) {
        keys.add(s.indexKey());
      }
    }
    scheduler.schedule(
        t.deleteDelay(),
        () ->
            objects
                .deleteAll(keys)
                .exceptionally(
                    e -> {
                      LOG.warn(
                          "replaced segment objects not deleted topic={} partition={} count={}"
                              + " error={}",
                          t.log().id().topic(),
                          t.log().id().partition(),
                          keys.size(),
                          e.toString());
                      return null;
                    }));
  }

  private static List<Target> targetsOf(TopicManager topics) {
    List<Target> out = new ArrayList<>();
    for (TopicRecord topic : topics.image().byName().values()) {
      Map<String, String> configs = topics.configOverrides(topic);
      Optional<CompactionRequest> request;
      Duration delay;
      try {
        request = requestOf(configs);
        delay = deleteDelayOf(configs);
      } catch (RuntimeException e) {
        // One topic's unreadable config (stored before validation existed) must not stop the
        // compaction of every other topic.
        LOG.warn("compaction skipped topic={} error={}", topic.name(), e.toString());
        continue;
      }
      if (request.isEmpty()) {
        continue;
      }
      for (int p = 0; p < topic.partitionCount(); p++) {
        topics
            .log(topic.name(), p)
            .ifPresent(log -> out.add(new Target(log, request.get(), delay)));
      }
    }
    return out;
  }

  /** The compaction a topic's configs ask for, or empty when its policy does not compact. */
  static Optional<CompactionRequest> requestOf(Map<String, String> configs) {
    String policy = TopicConfigCatalogue.effective(configs, "cleanup.policy");
    if (Arrays.stream(policy.split(",")).map(String::trim).noneMatch("compact"::equals)) {
      return Optional.empty();
    }
    long segmentBytes =
        Long.parseLong(TopicConfigCatalogue.effective(configs, "segment.bytes").trim());
    return Optional.of(
        new CompactionRequest(
            Double.parseDouble(
                TopicConfigCatalogue.effective(configs, "min.cleanable.dirty.ratio").trim()),
            longConfig(configs, "min.compaction.lag.ms"),
            longConfig(configs, "max.compaction.lag.ms"),
            longConfig(configs, "delete.retention.ms"),
            (int) Math.min(segmentBytes, MAX_COMPACTED_SEGMENT_BYTES)));
  }

  /** How long replaced objects are kept for readers: the topic's {@code file.delete.delay.ms}. */
  static Duration deleteDelayOf(Map<String, String> configs) {
    return Duration.ofMillis(Math.max(0, longConfig(configs, "file.delete.delay.ms")));
  }

  private static long longConfig(Map<String, String> configs, String name) {
    return Long.parseLong(TopicConfigCatalogue.effective(configs, name).trim());
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
