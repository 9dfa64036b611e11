/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProducerPerfSummaryTest {
  @Test
  void shouldParseTheFinalSummaryLineOfProducerPerformance() {
    // Given
    String line =
        "300000 records sent, 36995.930448 records/sec (36.13 MB/sec), 724.62 ms avg latency,"
            + " 1172.00 ms max latency, 752 ms 50th, 1061 ms 95th, 1134 ms 99th, 1162 ms 99.9th.";

    // When
    ProducerPerfSummary summary = ProducerPerfSummary.parse(line).orElseThrow();

    // Then
    assertThat(summary.records()).isEqualTo(300_000);
    assertThat(summary.recordsPerSec()).isEqualTo(36995.930448);
    assertThat(summary.mbPerSec()).isEqualTo(36.13);
    assertThat(summary.p50Ms()).isEqualTo(752);
    assertThat(summary.p99Ms()).isEqualTo(1134);
    assertThat(summary.sendDuration()).isBetween(Duration.ofMillis(8108), Duration.ofMillis(8110));
    assertThat(summary.compact()).isEqualTo("36,996 records/s, 36.1 MB/s, p50 752 ms, p99 1134 ms");
  }

  @Test
  void shouldIgnoreProgressLinesWithoutPercentiles() {
    // Given
    String progress =
        "137037 records sent, 27385.5 records/sec (26.74 MB/sec), 832.6 ms avg latency,"
            + " 1172.0 ms max latency.";

    // When / Then
    assertThat(ProducerPerfSummary.parse(progress)).isEmpty();
  }
}
