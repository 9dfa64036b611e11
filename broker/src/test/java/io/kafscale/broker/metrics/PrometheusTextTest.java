/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  @Test
  void shouldParseSamplesWithEscapedLabelsSpecialValuesAndTimestamps() {
    // Given
    String text =
        """
        # HELP a_total Things.
        # TYPE a_total counter
        a_total{op="put",path="x\\\\y \\"q\\"\\n"} 3.0
        b NaN 1700000000000
        c{le="+Inf"} +Inf
        d -1.5e3
        """;
    // When
    PrometheusText.Exposition e = PrometheusText.parse(text);
    // Then
    assertThat(e.types()).containsEntry("a_total", "counter");
    assertThat(e.samples()).hasSize(4);
    assertThat(e.samples().get(0))
        .isEqualTo(
            new PrometheusText.Sample("a_total", Map.of("op", "put", "path", "x\\y \"q\"\n"), 3));
    assertThat(e.samples().get(1).value()).isNaN();
    assertThat(e.samples().get(2).value()).isInfinite();
    assertThat(e.samples().get(3).value()).isEqualTo(-1500);
  }

  @Test
  void shouldSumEveryLabelSetOfASeriesAndTellAbsentFromZero() {
    // Given: the shape of etcd's page and of the brokers'
    PrometheusText.Exposition page =
        PrometheusText.parse(
            """
            # HELP kafscale_storage_flushes_total Flushes
            # TYPE kafscale_storage_flushes_total counter
            kafscale_storage_flushes_total{partition="0",topic="a"} 12.0
            kafscale_storage_flushes_total{partition="1",topic="a"} 30.0 1700000000000
            kafscale_storage_flushes_total_created 99.0
            etcd_server_proposals_committed_total 4
            etcd_mvcc_put_total 1.5e3
            etcd_mvcc_delete_total 0
            """);
    // Then
    assertThat(page.sum("kafscale_storage_flushes_total")).hasValue(42.0);
    assertThat(page.sum("etcd_server_proposals_committed_total")).hasValue(4.0);
    assertThat(page.sum("etcd_mvcc_put_total")).hasValue(1500.0);
    assertThat(page.sum("etcd_mvcc_delete_total")).hasValue(0.0);
    assertThat(page.sum("etcd_mvcc_txn_total")).isEmpty();
  }

  @Test
  void shouldRejectMalformedLines() {
    for (String bad :
        List.of(
            "1abc 3", "a{op=put} 1", "a{op=\"x\" 1", "a", "a 1 2 3", "a x", "# TYPE a nonsense")) {
      assertThatThrownBy(() -> PrometheusText.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void shouldParseWhatMicrometerWrites() {
    // Given
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Counter.builder("kafscale.x.requests").tag("op", "a\"b").register(registry).increment();
    Timer.builder("kafscale.x.latency").register(registry).record(Duration.ofMillis(5));
    Gauge.builder("kafscale.x.ratio", () -> Double.NaN).register(registry);
    // When
    PrometheusText.Exposition e = PrometheusText.parse(registry.scrape());
    // Then
    assertThat(e.hasSeries("kafscale_x_requests_total")).isTrue();
    assertThat(e.hasSeries("kafscale_x_latency_seconds_count")).isTrue();
    assertThat(e.hasSeries("kafscale_x_ratio")).isTrue();
    registry.close();
  }

  @Test
  void shouldMapSeriesNamesBackToTheirMeter() {
    // Given
    List<String> meters = List.of("kafscale.requests", "kafscale.request.latency", "kafscale.a.b");
    // When / Then
    assertThat(PrometheusText.meterOf("kafscale_requests_total", meters))
        .contains("kafscale.requests");
    assertThat(PrometheusText.meterOf("kafscale_request_latency_seconds_bucket", meters))
        .contains("kafscale.request.latency");
    assertThat(PrometheusText.meterOf("kafscale_a_b_bytes_total", meters)).contains("kafscale.a.b");
    assertThat(PrometheusText.meterOf("kafscale_a_b_c", meters)).isEmpty();
    assertThat(PrometheusText.meterOf("kafscale_requestz_total", meters)).isEmpty();
  }
}
