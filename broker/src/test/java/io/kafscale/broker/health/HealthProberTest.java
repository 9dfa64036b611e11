/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.ManualScheduler;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import io.kafscale.storage.objectstore.ObjectStoreException;
import io.kafscale.storage.objectstore.memory.FaultPolicy.Operation;
import io.kafscale.storage.objectstore.memory.InMemoryObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class HealthProberTest {
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final ManualClock clock = new ManualClock(1_000_000);
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final InMemoryObjectStore objects = new InMemoryObjectStore();
  private final InMemoryMetadataStore metadata = new InMemoryMetadataStore(clock);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final HealthProber prober =
      new HealthProber(objects, "ns", metadata, clock, scheduler, INTERVAL, TIMEOUT, registry);

  @Test
  void shouldBeUnhealthyBeforeTheFirstProbe() {
    // When / Then
    assertThat(prober.latest()).isEqualTo(HealthReport.NOT_PROBED);
    assertThat(prober.latest().healthy()).isFalse();
    assertThat(okGauge("object_store")).isZero();
  }

  @Test
  void shouldRecordBothStoresHealthyAfterTheFirstRound() {
    // When
    HealthReport report = prober.start().join();
    // Then
    assertThat(report.healthy()).isTrue();
    assertThat(report.objectStore()).isEqualTo(ProbeResult.success(0, clock.millis()));
    assertThat(report.metadataStore().ok()).isTrue();
    assertThat(prober.latest()).isEqualTo(report);
    assertThat(okGauge("object_store")).isEqualTo(1);
    assertThat(okGauge("metadata_store")).isEqualTo(1);
    assertThat(objects.count(Operation.LIST)).isEqualTo(1);
  }

  @Test
  void shouldProbeAgainEveryIntervalAndRecoverAfterAFailure() {
    // Given a first round whose listing fails
    objects.failNext(Operation.LIST, 1, () -> new ObjectStoreException("bucket gone"));
    HealthReport first = prober.start().join();
    // When the interval passes
    scheduler.advance(INTERVAL);
    // Then
    assertThat(first.objectStore().ok()).isFalse();
    assertThat(first.objectStore().message()).contains("object store").contains("bucket gone");
    assertThat(first.healthy()).isFalse();
    assertThat(prober.latest().healthy()).isTrue();
    assertThat(prober.latest().objectStore().checkedAtMs()).isEqualTo(clock.millis());
    assertThat(objects.count(Operation.LIST)).isEqualTo(2);
  }

  @Test
  void shouldFailAProbeThatDoesNotAnswerWithinTheTimeoutAndReportItsLatency() {
    // Given a listing that hangs
    CompletableFuture<Void> gate = objects.holdNext(Operation.LIST);
    CompletableFuture<HealthReport> round = prober.start();
    // When
    scheduler.advance(TIMEOUT);
    // Then
    HealthReport report = round.join();
    assertThat(report.objectStore().ok()).isFalse();
    assertThat(report.objectStore().latencyMs()).isEqualTo(TIMEOUT.toMillis());
    assertThat(report.objectStore().message()).contains("TimeoutException");
    assertThat(report.metadataStore().ok()).isTrue();
    gate.complete(null);
  }

  @Test
  void shouldReportAnUnreachableMetadataStore() {
    // Given
    metadata.close();
    // When
    HealthReport report = prober.probeNow().join();
    // Then
    assertThat(report.metadataStore().ok()).isFalse();
    assertThat(report.metadataStore().message()).startsWith("metadata store: ");
    assertThat(okGauge("metadata_store")).isZero();
  }

  @Test
  void shouldStopProbingWhenClosed() {
    // Given
    prober.start().join();
    // When
    prober.close();
    scheduler.advance(INTERVAL.multipliedBy(3));
    // Then
    assertThat(objects.count(Operation.LIST)).isEqualTo(1);
  }

  private double okGauge(String store) {
    return registry.get("kafscale.health.probe.ok").tag("store", store).gauge().value();
  }
}
