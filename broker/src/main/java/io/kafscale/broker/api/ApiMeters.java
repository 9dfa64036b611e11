/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.kafka.common.protocol.Errors;

/**
 * Every meter the API handlers record, declared in one place: per-topic bytes in/out and messages
 * in (tag {@code topic}, bounded by the topic count) and produce/fetch error counts (tag {@code
 * error}: a Kafka error name, a bounded set). Thread-safe.
 */
public final class ApiMeters {
  public static final String BYTES_IN = "kafscale.topic.bytes.in";
  public static final String BYTES_OUT = "kafscale.topic.bytes.out";
  public static final String MESSAGES_IN = "kafscale.topic.messages.in";
  public static final String PRODUCE_ERRORS = "kafscale.produce.partition.errors";
  public static final String FETCH_ERRORS = "kafscale.fetch.partition.errors";

  /** Documentation of one meter (for docs/metrics.md). */
  public record Description(
      String name, String type, String unit, List<String> tags, String help) {}

  private final MeterRegistry registry;

  public ApiMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  public static List<Description> describe() {
    return List.of(
        new Description(
            BYTES_IN,
            "counter",
            "bytes",
            List.of("topic"),
            "Record batch bytes appended by produce requests"),
        new Description(
            BYTES_OUT,
            "counter",
            "bytes",
            List.of("topic"),
            "Record batch bytes returned by fetch requests"),
        new Description(
            MESSAGES_IN,
            "counter",
            "records",
            List.of("topic"),
            "Records appended by produce requests"),
        new Description(
            PRODUCE_ERRORS,
            "counter",
            "partitions",
            List.of("error"),
            "Produce partition results with an error"),
        new Description(
            FETCH_ERRORS,
            "counter",
            "partitions",
            List.of("error"),
            "Fetch partition results with an error"));
  }

  public void bytesIn(String topic, long bytes) {
    counter(BYTES_IN, "topic", topic, "bytes").increment(bytes);
  }

  public void bytesOut(String topic, long bytes) {
    counter(BYTES_OUT, "topic", topic, "bytes").increment(bytes);
  }

  public void messagesIn(String topic, long records) {
    counter(MESSAGES_IN, "topic", topic, "records").increment(records);
  }

  public void produceError(Errors error) {
    counter(PRODUCE_ERRORS, "error", error.name(), "partitions").increment();
  }

  public void fetchError(Errors error) {
    counter(FETCH_ERRORS, "error", error.name(), "partitions").increment();
  }

  private Counter counter(String name, String tag, String value, String unit) {
    return Counter.builder(name).tag(tag, value).baseUnit(unit).register(registry);
  }
}
