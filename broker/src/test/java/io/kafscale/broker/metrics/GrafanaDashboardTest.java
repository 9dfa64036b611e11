/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.testing.RepoRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/grafana/kafscale-dashboard.json} queries only meters that exist: every Prometheus
 * series name in every panel query maps back (suffixes {@code _total}, {@code _seconds_sum}, …
 * removed) to a meter of the catalogue, and the panels the issue asks for are there.
 */
class GrafanaDashboardTest {
  private static final Pattern PANEL = Pattern.compile("\"type\":\\s*\"(timeseries|stat)\"");
  private static final Pattern EXPR = Pattern.compile("\"expr\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern SERIES = Pattern.compile("\\bkafscale_[a-zA-Z0-9_]+");

  private static String dashboard;
  private static List<String> meters;

  @BeforeAll
  static void read() throws Exception {
    dashboard =
        Files.readString(
            RepoRoot.find().resolve("docs/grafana/kafscale-dashboard.json"),
            StandardCharsets.UTF_8);
    meters = MetricsDocs.entries().stream().map(MetricsDocs.Entry::name).toList();
  }

  @Test
  void shouldGiveEveryPanelAQuery() {
    // When
    long panels = PANEL.matcher(dashboard).results().count();
    // Then
    assertThat(panels).isGreaterThan(10);
    assertThat(exprs()).hasSizeGreaterThanOrEqualTo((int) panels);
  }

  @Test
  void shouldQueryOnlyCataloguedMeters() {
    // Given
    List<String> unknown = new ArrayList<>();
    Set<String> used = new TreeSet<>();
    // When
    for (String expr : exprs()) {
      Matcher m = SERIES.matcher(expr);
      while (m.find()) {
        PrometheusText.meterOf(m.group(), meters)
            .ifPresentOrElse(used::add, () -> unknown.add(m.group() + " in " + expr));
      }
    }
    // Then
    assertThat(unknown).as("series that no catalogued meter produces").isEmpty();
    assertThat(used)
        .as("meters the issue wants on the dashboard")
        .contains(
            "kafscale.requests",
            "kafscale.request.errors",
            "kafscale.request.latency",
            "kafscale.topic.bytes.in",
            "kafscale.topic.bytes.out",
            "kafscale.storage.flush.bytes",
            "kafscale.storage.flush.latency",
            "kafscale.storage.put.latency",
            "kafscale.storage.commit.latency",
            "kafscale.objectstore.requests",
            "kafscale.objectstore.request.latency",
            "kafscale.metadata.requests",
            "kafscale.metadata.request.latency",
            "kafscale.storage.cache.hit.ratio",
            "kafscale.inflight.request.bytes",
            "kafscale.consumer.lag",
            "kafscale.partitions.owned",
            "kafscale.cluster.brokers");
  }

  @Test
  void shouldNotAcceptAMisspelledSeries() {
    // The check above is only as good as the mapping: a near miss must not map.
    assertThat(PrometheusText.meterOf("kafscale_objectstore_request_total", meters)).isEmpty();
    assertThat(PrometheusText.meterOf("kafscale_objectstore_requests_total", meters))
        .contains("kafscale.objectstore.requests");
  }

  private static List<String> exprs() {
    return EXPR.matcher(dashboard).results().map(r -> r.group(1)).toList();
  }
}
