/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.metrics;

import java.util.List;
import java.util.Map;

/**
 * The cumulative counters the console reads from one broker's {@code /metrics} at one instant:
 * produce and fetch bytes, produced records, S3 PUT, GET and LIST requests. A counter absent from
 * the scrape is {@code null} (unknown), never 0: the broker registers its per-topic counters on
 * first use, so absence means "no data", and a rate from it would be invented. Immutable.
 */
public record Counters(
    long atMs,
    Double bytesIn,
    Double bytesOut,
    Double messagesIn,
    Double puts,
    Double gets,
    Double lists) {
  // Micrometer's Prometheus names: the base unit is part of the name (kafscale.topic.bytes.in with
  // baseUnit "bytes" is exposed as kafscale_topic_bytes_in_bytes_total), see the broker's
  // ApiMeters and docs/grafana/kafscale-dashboard.json.
  public static final String BYTES_IN = "kafscale_topic_bytes_in_bytes_total";
  public static final String BYTES_OUT = "kafscale_topic_bytes_out_bytes_total";
  public static final String MESSAGES_IN = "kafscale_topic_messages_in_records_total";
  public static final String OBJECT_REQUESTS = "kafscale_objectstore_requests_total";

  /** Sums every label set of each catalogued counter; a counter with no sample is null. */
  public static Counters from(long atMs, List<PrometheusText.Sample> samples) {
    return new Counters(
        atMs,
        PrometheusText.sum(samples, BYTES_IN, Map.of()),
        PrometheusText.sum(samples, BYTES_OUT, Map.of()),
        PrometheusText.sum(samples, MESSAGES_IN, Map.of()),
        PrometheusText.sum(samples, OBJECT_REQUESTS, Map.of("operation", "put")),
        PrometheusText.sum(samples, OBJECT_REQUESTS, Map.of("operation", "get")),
        PrometheusText.sum(samples, OBJECT_REQUESTS, Map.of("operation", "list")));
  }

  /**
   * Per-second rates from {@code earlier} to this, or null when time did not advance. A rate is
   * null when its counter is missing from either scrape. A counter that went down (broker
   * restarted) counts from zero.
   */
  public RatePoint ratesSince(Counters earlier) {
    double seconds = (atMs - earlier.atMs) / 1000.0;
    if (seconds <= 0) {
      return null;
    }
    return new RatePoint(
        atMs,
        rate(bytesIn, earlier.bytesIn, seconds),
        rate(bytesOut, earlier.bytesOut, seconds),
        rate(messagesIn, earlier.messagesIn, seconds),
        rate(puts, earlier.puts, seconds),
        rate(gets, earlier.gets, seconds),
        rate(lists, earlier.lists, seconds));
  }

  private static Double rate(Double now, Double before, double seconds) {
    if (now == null || before == null) {
      return null;
    }
    return (now >= before ? now - before : now) / seconds;
  }
}
