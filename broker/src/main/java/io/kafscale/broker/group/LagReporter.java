/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.broker.metrics.BrokerMeters;
import io.kafscale.broker.partition.Scheduler;
import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.PartitionRef;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes, every {@link LagConfig#interval()}, the consumer lag of the groups loaded on this
 * broker's {@link GroupCoordinator} (committed offsets from the coordinator's cache, high
 * watermarks in one batch from a {@link HighWatermarkSource}; nothing on the heartbeat path), keeps
 * the latest {@link LagReport} for the admin API, and exports it as gauges whose labels are bounded
 * by {@link LagSeries}: series of groups that are gone are removed at the next computation.
 * Thread-safe: the periodic computations never overlap; when an extra {@link #refresh()} overlaps
 * one, the one computed last is kept.
 */
public final class LagReporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LagReporter.class);

  private final GroupCoordinator coordinator;
  private final HighWatermarkSource highWatermarks;
  private final LagConfig config;
  private final Scheduler scheduler;
  private final Clock clock;
  private final MultiGauge groupLag;
  private final MultiGauge partitionLag;
  private final Counter failures;
  private volatile LagReport latest = LagReport.none();
  private volatile Scheduler.Cancellable tick;
  private volatile boolean closed;

  public LagReporter(
      GroupCoordinator coordinator,
      HighWatermarkSource highWatermarks,
      LagConfig config,
      Scheduler scheduler,
      Clock clock,
      MeterRegistry meters) {
    this.coordinator = coordinator;
    this.highWatermarks = highWatermarks;
    this.config = config;
    this.scheduler = scheduler;
    this.clock = clock;
    this.groupLag = multiGauge(BrokerMeters.CONSUMER_LAG, meters);
    this.partitionLag = multiGauge(BrokerMeters.CONSUMER_PARTITION_LAG, meters);
    this.failures =
        Counter.builder(BrokerMeters.CONSUMER_LAG_FAILURES.meterName())
            .description(BrokerMeters.CONSUMER_LAG_FAILURES.description())
            .register(meters);
    Gauge.builder(BrokerMeters.CONSUMER_LAG_GROUPS.meterName(), this, r -> r.latest.groups().size())
        .description(BrokerMeters.CONSUMER_LAG_GROUPS.description())
        .register(meters);
  }

  private static MultiGauge multiGauge(BrokerMeters meter, MeterRegistry meters) {
    return MultiGauge.builder(meter.meterName()).description(meter.description()).register(meters);
  }

  /** Arms the periodic computation (the first one interval from now). */
  public void start() {
    if (!closed) {
      tick =
          scheduler.schedule(
              config.interval(),
              () ->
                  refresh()
                      .whenComplete(
                          (r, e) -> {
                            if (e != null) {
                              failures.increment();
                              LOG.warn("consumer lag computation failed error={}", e.toString());
                            }
                            start();
                          }));
    }
  }

  /** The latest computed lag ({@link LagReport#none()} before the first). */
  public LagReport latest() {
    return latest;
  }

  /** Computes the lag now, publishes it to the gauges, and completes with it. */
  public CompletableFuture<LagReport> refresh() {
    List<String> ids = new ArrayList<>();
    coordinator.loadedGroupIds().stream()
        .filter(coordinator::isCoordinator)
        .sorted()
        .forEach(ids::add);
    List<CompletableFuture<Map<PartitionRef, CommittedOffsetRecord>>> reads = new ArrayList<>();
    for (String id : ids) {
      // A group unloaded meanwhile (moved, deleted) simply drops out of this round.
      reads.add(coordinator.fetchOffsets(id).exceptionally(e -> Map.of()));
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenCompose(
            v -> {
              Set<PartitionRef> partitions = new HashSet<>();
              reads.forEach(r -> partitions.addAll(r.join().keySet()));
              return highWatermarks
                  .highWatermarks(partitions)
                  .thenApply(hws -> report(ids, reads, hws));
            })
        .thenApply(
            report -> {
              publish(report);
              return report;
            });
  }

  private LagReport report(
      List<String> ids,
      List<CompletableFuture<Map<PartitionRef, CommittedOffsetRecord>>> reads,
      Map<PartitionRef, Long> hws) {
    List<GroupLag> groups = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      Map<PartitionRef, CommittedOffsetRecord> offsets = reads.get(i).join();
      if (!offsets.isEmpty()) {
        groups.add(GroupLag.of(ids.get(i), offsets, hws));
      }
    }
    return new LagReport(clock.millis(), groups);
  }

  private synchronized void publish(LagReport report) {
    if (closed || report.computedAtMs() < latest.computedAtMs()) {
      return;
    }
    latest = report;
    LagSeries series = LagSeries.of(report.groups(), config.maxGroups(), config.perPartition());
    List<MultiGauge.Row<?>> groupRows = new ArrayList<>();
    series
        .groupTotals()
        .forEach((group, lag) -> groupRows.add(MultiGauge.Row.of(Tags.of("group", group), lag)));
    groupLag.register(groupRows, true);
    List<MultiGauge.Row<?>> partitionRows = new ArrayList<>();
    for (LagSeries.PartitionSeries p : series.partitions()) {
      Tags tags =
          Tags.of(
              "group", p.group(), "topic", p.topic(), "partition", Integer.toString(p.partition()));
      partitionRows.add(MultiGauge.Row.of(tags, p.lag()));
    }
    partitionLag.register(partitionRows, true);
  }

  /** Stops the computation and removes the lag series. */
  @Override
  public synchronized void close() {
    closed = true;
    Scheduler.Cancellable t = tick;
    if (t != null) {
      t.cancel();
    }
    groupLag.register(List.of(), true);
    partitionLag.register(List.of(), true);
  }
}
