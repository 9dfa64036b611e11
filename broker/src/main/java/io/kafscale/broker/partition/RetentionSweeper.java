/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import io.kafscale.metadata.config.TopicConfigCatalogue;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.log.RetentionPlan;
import io.kafscale.storage.log.TrimRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces {@code retention.ms} and {@code retention.bytes} on the partitions this broker owns
 * whose topic's {@code cleanup.policy} includes {@code delete}: every check interval it asks each
 * open log to trim (whole leading segments, see {@code RetentionPlan}) through {@link LogTrimmer}.
 * Only owners trim, and each trim is fenced by the owner's epoch. A sweep never overlaps the
 * previous one; partitions are trimmed one after another to keep the metadata store quiet.
 * Thread-safe.
 */
public final class RetentionSweeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);

  /** Result of one sweep: partitions looked at, segments and bytes removed, trims that failed. */
  public record Sweep(int partitions, int segments, long bytes, int failures) {}

  private final TopicManager topics;
  private final LogTrimmer trimmer;
  private final Scheduler scheduler;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile Duration interval;
  private volatile Scheduler.Cancellable next;
  private volatile boolean closed;

  public RetentionSweeper(TopicManager topics, LogTrimmer trimmer, Scheduler scheduler) {
    this.topics = topics;
    this.trimmer = trimmer;
    this.scheduler = scheduler;
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
   * One pass over the owned partitions; completes when every trim finished. A sweep requested while
   * one runs completes at once with an empty result.
   */
  public CompletableFuture<Sweep> sweep() {
    if (closed || !running.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(new Sweep(0, 0, 0, 0));
    }
    List<Target> targets;
    try {
      targets = targets();
    } catch (RuntimeException e) {
      running.set(false);
      LOG.warn("retention sweep skipped error={}", e.toString());
      return CompletableFuture.completedFuture(new Sweep(0, 0, 0, 0));
    }
    return sweepFrom(targets, 0, new Sweep(0, 0, 0, 0))
        .whenComplete(
            (s, e) -> {
              running.set(false);
              if (s != null && s.segments() > 0) {
                LOG.info(
                    "retention sweep partitions={} segments={} bytes={} failures={}",
                    s.partitions(),
                    s.segments(),
                    s.bytes(),
                    s.failures());
              }
            });
  }

  private record Target(PartitionLog log, TrimRequest.Retention request) {}

  private List<Target> targets() {
    List<Target> out = new ArrayList<>();
    for (TopicRecord topic : topics.image().byName().values()) {
      Optional<TrimRequest.Retention> request;
      try {
        request = retentionOf(topics.configOverrides(topic));
      } catch (RuntimeException e) {
        // One topic's unreadable config (stored before validation existed) must not stop the
        // retention of every other topic.
        LOG.warn("retention skipped topic={} error={}", topic.name(), e.toString());
        continue;
      }
      if (request.isEmpty()) {
        continue;
      }
      for (int p = 0; p < topic.partitionCount(); p++) {
        topics.log(topic.name(), p).ifPresent(log -> out.add(new Target(log, request.get())));
      }
    }
    return out;
  }

  /** The retention a topic's configs ask for, or empty when nothing is ever deleted. */
  static Optional<TrimRequest.Retention> retentionOf(Map<String, String> configs) {
    String policy = TopicConfigCatalogue.effective(configs, "cleanup.policy");
    boolean delete = Arrays.stream(policy.split(",")).map(String::trim).anyMatch("delete"::equals);
    long ms = Long.parseLong(TopicConfigCatalogue.effective(configs, "retention.ms").trim());
    long bytes = Long.parseLong(TopicConfigCatalogue.effective(configs, "retention.bytes").trim());
    if (!delete || (ms < 0 && bytes < 0)) {
      return Optional.empty();
    }
    return Optional.of(new TrimRequest.Retention(ms, bytes));
  }

  private CompletableFuture<Sweep> sweepFrom(List<Target> targets, int i, Sweep acc) {
    if (i == targets.size() || closed) {
      return CompletableFuture.completedFuture(acc);
    }
    Target t = targets.get(i);
    return trimmer
        .trim(t.log(), t.request(), LogTrimmer.Cause.RETENTION)
        .handle(
            (RetentionPlan plan, Throwable e) ->
                e != null
                    ? new Sweep(
                        acc.partitions() + 1, acc.segments(), acc.bytes(), acc.failures() + 1)
                    : new Sweep(
                        acc.partitions() + 1,
                        acc.segments() + plan.deleted().size(),
                        acc.bytes() + plan.deletedBytes(),
                        acc.failures()))
        .thenCompose(s -> sweepFrom(targets, i + 1, s));
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
