/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {
  @Test
  void shouldUseTheDocumentedDefaultsWhenNothingIsSet() {
    // When
    BenchSettings settings = BenchSettings.from(Map.of());

    // Then
    assertThat(settings.brokers()).isEqualTo(3);
    assertThat(settings.partitions()).isEqualTo(12);
    assertThat(settings.records()).isEqualTo(1_000_000);
    assertThat(settings.recordSize()).isEqualTo(1024);
    assertThat(settings.failoverRuns()).isEqualTo(5);
    assertThat(settings.leaseTtl()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.brokerEnv())
        .containsEntry("KAFSCALE_BROKER_LEASE_TTL_MS", "10000")
        .containsEntry("KAFSCALE_FLUSH_INTERVAL_MS", "10");
  }

  @Test
  void shouldPassTheLeaseTtlAndExtraVariablesToTheBrokers() {
    // When
    BenchSettings settings =
        BenchSettings.from(
            Map.of(
                "BENCH_LEASE_TTL_MS", "3000",
                "BENCH_RECORDS", "200_000",
                "BENCH_BROKER_ENV", " KAFSCALE_LOCAL_FSYNC=false  KAFSCALE_FLUSH_INTERVAL_MS=20 "));

    // Then
    assertThat(settings.leaseTtl()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.records()).isEqualTo(200_000);
    assertThat(settings.brokerEnv())
        .containsEntry("KAFSCALE_BROKER_LEASE_TTL_MS", "3000")
        .containsEntry("KAFSCALE_LOCAL_FSYNC", "false")
        .containsEntry("KAFSCALE_FLUSH_INTERVAL_MS", "20");
  }

  @Test
  void shouldReportEveryInvalidValueTogether() {
    assertThatThrownBy(
            () ->
                BenchSettings.from(
                    Map.of(
                        "BENCH_RECORDS", "lots",
                        "BENCH_LEASE_TTL_MS", "10",
                        "BENCH_BROKER_ENV", "FOO=1")))
        .hasMessageContaining("BENCH_RECORDS")
        .hasMessageContaining("BENCH_LEASE_TTL_MS")
        .hasMessageContaining("FOO=1");
  }
}
