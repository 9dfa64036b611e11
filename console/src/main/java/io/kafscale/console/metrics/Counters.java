/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.metrics;

import java.util.List;
import java.util.Map;

/**
 * The cumulative counters the console reads from one broker's {@code /metrics} at one instant:
 * produce and fetch bytes, produced records, S3 PUT and GET requests. Immutable.
 */
public record Counters(
    long atMs, double bytesIn, double bytesOut, double messagesIn, double puts, double gets) {
  public static final String BYTES_IN = "kafscale_topic_bytes_in_total";
  public static final String BYTES_OUT = "kafscale_topic_bytes_out_total";
  public static final String MESSAGES_IN = "kafscale_topic_messages_in_total";
  public static final String OBJECT_REQUESTS = "kafscale_objectstore_requests_total";

  /** Sums every label set of the catalogued counters (absent counters count as 0). */
  public static Counters from(long atMs, List<PrometheusText.Sample> samples) {
    return new Counters(
        atMs,
        PrometheusText.sum(samples, BYTES_IN, Map.of()),
        PrometheusText.sum(samples, BYTES_OUT, Map.of()),
        PrometheusText.sum(samples, MESSAGES_IN, Map.of()),
        PrometheusText.sum(samples, OBJECT_REQUESTS, Map.of("operation", "put")),
        PrometheusText.sum(samples, OBJECT_REQUESTS, Map.of("operation", "get")));
  }

  /**
   * Per-second rates from {@code earlier} to this, or null when time did not advance. A counter
   * that went down (broker restarted) counts from zero.
   */
  public RatePoint ratesSince(Counters earlier) {
    double seconds = (atMs - earlier.atMs) / 1000.0;
    if (seconds <= 0) {
      return null;
    }
    return new RatePoint(
        atMs,
        delta(bytesIn, earlier.bytesIn) / seconds,
        delta(bytesOut, earlier.bytesOut) / seconds,
        delta(messagesIn, earlier.messagesIn) / seconds,
        delta(puts, earlier.puts) / seconds,
        delta(gets, earlier.gets) / seconds);
  }

  private static double delta(double now, double before) {
    return now >= before ? now - before : now;
  }
}
