/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.common.errors.RetriableException;

/**
 * What producers were told, across the partitions of one topic: every value sent (and to which
 * partition), the partition and offset each acknowledged value got, when acks arrived, and every
 * failure. Values must be unique. Callbacks run on producer I/O threads, so all state is
 * concurrent; several producers may share one ledger.
 */
public final class PartitionLedger {
  private static final long UNKNOWN_OFFSET = -1;

  private final Map<String, Integer> sentPartition = new ConcurrentHashMap<>();
  private final Map<String, Long> ackedOffset = new ConcurrentHashMap<>();
  private final Map<Integer, ConcurrentLinkedQueue<Long>> ackNanos = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
  private final Map<Integer, Integer> failuresPerPartition = new ConcurrentHashMap<>();
  private final AtomicInteger completed = new AtomicInteger();

  /** Records that {@code value} is being sent to {@code partition}; returns its callback. */
  public Callback sending(String value, int partition) {
    if (sentPartition.putIfAbsent(value, partition) != null) {
      throw new IllegalArgumentException("value sent twice: " + value);
    }
    return (metadata, exception) -> {
      if (exception == null) {
        ackedOffset.put(value, metadata.offset());
        ackNanos
            .computeIfAbsent(partition, p -> new ConcurrentLinkedQueue<>())
            .add(System.nanoTime());
      } else {
        failures.add(exception);
        failuresPerPartition.merge(partition, 1, Integer::sum);
      }
      completed.incrementAndGet();
    };
  }

  public int sent() {
    return sentPartition.size();
  }

  public int acked() {
    return ackedOffset.size();
  }

  public int completed() {
    return completed.get();
  }

  /** Snapshot: each acknowledged value and the offset its ack carried. */
  public Map<String, Long> ackedOffsets() {
    return Map.copyOf(ackedOffset);
  }

  public List<Exception> failures() {
    return List.copyOf(failures);
  }

  /**
   * The earliest ack for {@code partition} at or after {@code nanoTime} ({@link System#nanoTime}).
   */
  public OptionalLong firstAckAfter(int partition, long nanoTime) {
    return ackNanos.getOrDefault(partition, new ConcurrentLinkedQueue<>()).stream()
        .mapToLong(Long::longValue)
        .filter(t -> t >= nanoTime)
        .min();
  }

  /** Number of acks for {@code partition} at or after {@code nanoTime}. */
  public long acksAfter(int partition, long nanoTime) {
    return ackNanos.getOrDefault(partition, new ConcurrentLinkedQueue<>()).stream()
        .filter(t -> t >= nanoTime)
        .count();
  }

  /** Fails listing the first failures unless no send failed at all. */
  public void assertNoFailures() {
    // On the count: a list of exceptions would print every stack trace and hide the summary.
    assertThat(failures.size())
        .as(
            "producer callbacks failed %d of %d sends (per partition: %s), first ones: %s",
            failures.size(), sent(), new TreeMap<>(failuresPerPartition), summary(failures()))
        .isZero();
  }

  /** Fails unless every failure is retriable (the producer gave up on a retriable error). */
  public void assertOnlyRetriableFailures() {
    List<Exception> fatal =
        failures.stream().filter(e -> !(e instanceof RetriableException)).toList();
    assertThat(fatal.size())
        .as(
            "non-retriable producer failures: %d (all failures per partition: %s), first ones: %s",
            fatal.size(), new TreeMap<>(failuresPerPartition), summary(fatal))
        .isZero();
  }

  /**
   * Asserts the log read back (partition to its records from offset 0): offsets dense from 0 per
   * partition; no value twice anywhere; every value read was sent, to that partition; every
   * acknowledged value present exactly at its acknowledged partition and offset (once, if its ack
   * carried no offset: a retry answered DUPLICATE_SEQUENCE_NUMBER). Unacknowledged values may
   * appear at most once (an idempotent producer's retry may have been written).
   */
  public void assertExactlyOnce(Map<Integer, List<ConsumerRecord<byte[], byte[]>>> log) {
    Map<String, Integer> partitionOf = new HashMap<>();
    Map<String, Long> offsetOf = new HashMap<>();
    List<String> duplicates = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (Map.Entry<Integer, List<ConsumerRecord<byte[], byte[]>>> e : log.entrySet()) {
      List<ConsumerRecord<byte[], byte[]>> records = e.getValue();
      for (int i = 0; i < records.size(); i++) {
        ConsumerRecord<byte[], byte[]> record = records.get(i);
        assertThat(record.offset())
            .as("offsets of partition %d are contiguous from 0 (record #%d)", e.getKey(), i)
            .isEqualTo(i);
        String value = new String(record.value(), StandardCharsets.UTF_8);
        if (partitionOf.put(value, e.getKey()) != null) {
          duplicates.add(value + "@" + e.getKey() + ":" + record.offset());
        }
        offsetOf.put(value, record.offset());
        Integer sentTo = sentPartition.get(value);
        if (sentTo == null || sentTo.intValue() != e.getKey()) {
          unknown.add(
              value + "@" + e.getKey() + ":" + record.offset() + " (sent to " + sentTo + ")");
        }
      }
    }
    assertNone("values stored more than once", duplicates);
    assertNone("values read that no producer sent to that partition", unknown);
    TreeSet<String> missing = new TreeSet<>(ackedOffset.keySet());
    missing.removeAll(partitionOf.keySet());
    assertNone("acknowledged values missing (of " + ackedOffset.size() + " acked)", missing);
    List<String> moved = new ArrayList<>();
    ackedOffset.forEach(
        (value, offset) -> {
          // -1: answered DUPLICATE_SEQUENCE_NUMBER (written before, offset no longer known)
          if (offset != UNKNOWN_OFFSET && !offset.equals(offsetOf.get(value))) {
            moved.add(value + " acked at " + offset + " read at " + offsetOf.get(value));
          }
        });
    assertNone("acknowledged values read at another offset", moved);
  }

  private static void assertNone(String what, java.util.Collection<String> items) {
    assertThat(items.size())
        .as("%s: %d, first: %s", what, items.size(), items.stream().limit(20).toList())
        .isZero();
  }

  private static String summary(List<Exception> list) {
    return list.stream().limit(5).map(Object::toString).toList().toString();
  }
}
