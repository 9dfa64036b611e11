/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.bench;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The final line of Kafka's ProducerPerformance ("N records sent, R records/sec (M MB/sec), A ms
 * avg latency, X ms max latency, P ms 50th, Q ms 95th, S ms 99th, T ms 99.9th."), parsed.
 * Immutable.
 */
public record ProducerPerfSummary(
    String line, long records, double recordsPerSec, double mbPerSec, long p50Ms, long p99Ms) {

  private static final Pattern SUMMARY =
      Pattern.compile(
          "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\).*?"
              + "(\\d+) ms 50th.*?(\\d+) ms 99th");

  /** The summary in {@code line}, if it is one (progress lines lack the percentiles). */
  public static Optional<ProducerPerfSummary> parse(String line) {
    Matcher m = SUMMARY.matcher(line);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(
        new ProducerPerfSummary(
            line.trim(),
            Long.parseLong(m.group(1)),
            Double.parseDouble(m.group(2)),
            Double.parseDouble(m.group(3)),
            Long.parseLong(m.group(4)),
            Long.parseLong(m.group(5))));
  }

  /** How long the tool took to send everything, as it measured it (records / rate). */
  public Duration sendDuration() {
    return Duration.ofNanos((long) (records / recordsPerSec * 1e9));
  }

  /** "151,234 records/s, 147.7 MB/s, p50 100 ms, p99 290 ms". */
  public String compact() {
    return String.format(
        "%,.0f records/s, %.1f MB/s, p50 %d ms, p99 %d ms", recordsPerSec, mbPerSec, p50Ms, p99Ms);
  }
}
