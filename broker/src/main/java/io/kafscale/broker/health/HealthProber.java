/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.health;

import io.kafscale.broker.metrics.BrokerMeters;
import io.kafscale.broker.partition.Scheduler;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.storage.objectstore.ObjectStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes the object store and the metadata store every {@code interval} with one cheap request each
 * (a listing of a prefix under the namespace that holds no objects, so one LIST request; a revision
 * read) and keeps the last result of each for {@code /readyz}, {@code /api/v1/health} and the
 * {@code kafscale.health.probe.ok} gauge. A probe that does not answer within {@code timeout}
 * fails. Rounds never overlap: the next is scheduled when one ends. Thread-safe.
 */
public final class HealthProber implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HealthProber.class);

  /** Listed by the object-store probe: under the namespace, never a key anything writes. */
  public static final String PROBE_NAME = "_kafscale!health/";

  private final ObjectStore objects;
  private final String probePrefix;
  private final MetadataStore metadata;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Duration interval;
  private final Duration timeout;
  private volatile HealthReport latest = HealthReport.NOT_PROBED;
  private Scheduler.Cancellable next;
  private boolean closed;

  /**
   * @param namespace the object-key namespace ({@code KAFSCALE_S3_NAMESPACE}), empty for none
   * @param timeout how long a probe may take before it counts as failed
   */
  public HealthProber(
      ObjectStore objects,
      String namespace,
      MetadataStore metadata,
      Clock clock,
      Scheduler scheduler,
      Duration interval,
      Duration timeout,
      MeterRegistry registry) {
    this.objects = objects;
    this.probePrefix =
        namespace == null || namespace.isEmpty() ? PROBE_NAME : namespace + "/" + PROBE_NAME;
    this.metadata = metadata;
    this.clock = clock;
    this.scheduler = scheduler;
    this.interval = interval;
    this.timeout = timeout;
    gauge(registry, "object_store", () -> latest.objectStore().ok());
    gauge(registry, "metadata_store", () -> latest.metadataStore().ok());
  }

  private void gauge(MeterRegistry registry, String store, Supplier<Boolean> ok) {
    Gauge.builder(BrokerMeters.HEALTH_PROBE_OK.meterName(), ok, s -> s.get() ? 1 : 0)
        .description(BrokerMeters.HEALTH_PROBE_OK.description())
        .tag("store", store)
        .strongReference(true)
        .register(registry);
  }

  /** Runs the first round now and the following ones every interval; completes after the first. */
  public CompletableFuture<HealthReport> start() {
    return round();
  }

  /** The last probe of each store ({@link HealthReport#NOT_PROBED} before the first round). */
  public HealthReport latest() {
    return latest;
  }

  /** Probes both stores once (concurrently) and records the results. Never fails. */
  public CompletableFuture<HealthReport> probeNow() {
    CompletableFuture<ProbeResult> object = probe("object store", () -> objects.list(probePrefix));
    CompletableFuture<ProbeResult> meta = probe("metadata store", metadata::currentRevision);
    return object.thenCombine(
        meta,
        (o, m) -> {
          HealthReport report = new HealthReport(o, m);
          logChange(latest, report);
          latest = report;
          return report;
        });
  }

  private CompletableFuture<HealthReport> round() {
    return probeNow().whenComplete((r, e) -> scheduleNext());
  }

  private synchronized void scheduleNext() {
    if (!closed) {
      next = scheduler.schedule(interval, this::round);
    }
  }

  private CompletableFuture<ProbeResult> probe(
      String what, Supplier<? extends CompletableFuture<?>> request) {
    long started = clock.millis();
    CompletableFuture<Object> answer = new CompletableFuture<>();
    Scheduler.Cancellable deadline =
        scheduler.schedule(
            timeout,
            () ->
                answer.completeExceptionally(
                    new TimeoutException("no answer within " + timeout.toMillis() + " ms")));
    try {
      request.get().whenComplete((v, e) -> complete(answer, v, e));
    } catch (RuntimeException e) {
      answer.completeExceptionally(e);
    }
    return answer.handle(
        (v, e) -> {
          deadline.cancel();
          long now = clock.millis();
          long latency = Math.max(0, now - started);
          return e == null
              ? ProbeResult.success(latency, now)
              : ProbeResult.failure(latency, what + ": " + describe(e), now);
        });
  }

  private static void complete(CompletableFuture<Object> answer, Object value, Throwable e) {
    if (e == null) {
      answer.complete(value);
    } else {
      answer.completeExceptionally(e);
    }
  }

  private static String describe(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static void logChange(HealthReport before, HealthReport after) {
    if (before.objectStore().ok() && !after.objectStore().ok()) {
      LOG.warn("Object store health probe failed error={}", after.objectStore().message());
    }
    if (before.metadataStore().ok() && !after.metadataStore().ok()) {
      LOG.warn("Metadata store health probe failed error={}", after.metadataStore().message());
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (next != null) {
      next.cancel();
    }
  }
}
