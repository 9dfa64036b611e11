/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;

/**
 * What a producer was told: the offset each acknowledged value got, and every failure. Callbacks
 * run on the producer's I/O thread, so all state is concurrent.
 */
public final class AckLedger {
  private final Map<String, Long> ackedOffsets = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
  private final AtomicInteger completed = new AtomicInteger();

  /** A callback that records the outcome of sending {@code value}. */
  public Callback callbackFor(String value) {
    return (metadata, exception) -> {
      if (exception == null) {
        ackedOffsets.put(value, metadata.offset());
      } else {
        failures.add(exception);
      }
      completed.incrementAndGet();
    };
  }

  public int acked() {
    return ackedOffsets.size();
  }

  public int completed() {
    return completed.get();
  }

  public List<Exception> failures() {
    return List.copyOf(failures);
  }

  /**
   * Asserts the log read back holds every acknowledged value exactly once at its acknowledged
   * offset, no value twice, and dense offsets from 0.
   */
  public void assertLogMatches(List<ConsumerRecord<byte[], byte[]>> log) {
    Map<String, Long> offsetByValue = new HashMap<>();
    for (int i = 0; i < log.size(); i++) {
      ConsumerRecord<byte[], byte[]> record = log.get(i);
      assertThat(record.offset()).as("offsets are dense").isEqualTo(i);
      String value = new String(record.value(), StandardCharsets.UTF_8);
      Long previous = offsetByValue.put(value, record.offset());
      assertThat(previous).as("value %s stored twice", value).isNull();
    }
    Set<String> missing = new java.util.TreeSet<>(ackedOffsets.keySet());
    missing.removeAll(offsetByValue.keySet());
    assertThat(missing).as("acknowledged but missing").isEmpty();
    ackedOffsets.forEach(
        (value, offset) ->
            assertThat(offsetByValue.get(value)).as("offset of %s", value).isEqualTo(offset));
  }
}
