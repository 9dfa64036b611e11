/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.cluster;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the members did: every record consumed (value, partition, offset, when), every commit
 * acknowledged to them (when commitSync returned), every error. Thread-safe.
 */
public final class GroupLog {
  /** One record as a member got it; {@code nanos} from System.nanoTime. */
  public record Consumption(String value, int partition, long offset, long nanos, int member) {}

  /** One partition of a commit acknowledged to a member, when commitSync returned. */
  public record Commit(int partition, long offset, long nanos, int member) {}

  private final ConcurrentLinkedQueue<Consumption> consumed = new ConcurrentLinkedQueue<>();
  private final Set<String> values = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<Commit> commits = new ConcurrentLinkedQueue<>();
  private final Map<String, Integer> errors = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Long> assignments = new ConcurrentLinkedQueue<>();

  public void consumed(int member, ConsumerRecord<byte[], byte[]> r) {
    String value = new String(r.value(), StandardCharsets.UTF_8);
    consumed.add(new Consumption(value, r.partition(), r.offset(), System.nanoTime(), member));
    values.add(value);
  }

  public void committed(int member, Map<TopicPartition, OffsetAndMetadata> offsets) {
    long now = System.nanoTime();
    offsets.forEach((tp, om) -> commits.add(new Commit(tp.partition(), om.offset(), now, member)));
  }

  public void assigned() {
    assignments.add(System.nanoTime());
  }

  public long assignmentsAfter(long nanos) {
    return assignments.stream().filter(t -> t >= nanos).count();
  }

  public void error(Exception e) {
    errors.merge(e.getClass().getSimpleName(), 1, Integer::sum);
  }

  public int consumedCount() {
    return consumed.size();
  }

  public Set<String> consumedValues() {
    return values;
  }

  /** Per partition, the highest offset whose commit was acknowledged before {@code nanos}. */
  public Map<Integer, Long> committedBefore(long nanos) {
    Map<Integer, Long> out = new TreeMap<>();
    commits.stream()
        .filter(c -> c.nanos() < nanos)
        .forEach(c -> out.merge(c.partition(), c.offset(), Math::max));
    return out;
  }

  public OptionalLong firstCommitAfter(long nanos) {
    return commits.stream().mapToLong(Commit::nanos).filter(t -> t >= nanos).min();
  }

  /** The earliest consumption from one of {@code partitions} at or after {@code nanos}. */
  public OptionalLong firstConsumptionAfter(long nanos, List<Integer> partitions) {
    return consumed.stream()
        .filter(c -> partitions.contains(c.partition()))
        .mapToLong(Consumption::nanos)
        .filter(t -> t >= nanos)
        .min();
  }

  /** Per partition, one past the highest offset consumed. */
  public Map<Integer, Long> nextOffsets() {
    Map<Integer, Long> out = new TreeMap<>();
    consumed.forEach(c -> out.merge(c.partition(), c.offset() + 1, Math::max));
    return out;
  }

  /** Every consumption of a value that had been consumed before (in arrival order). */
  public List<Consumption> duplicates() {
    Set<String> seen = new HashSet<>();
    return consumed.stream().filter(c -> !seen.add(c.value())).toList();
  }

  /** Acked values consumed at an offset other than the one their ack carried. */
  public List<String> misplaced(Map<String, Long> acked) {
    return consumed.stream()
        .filter(c -> acked.containsKey(c.value()) && acked.get(c.value()) != c.offset())
        .map(c -> c + " acked at " + acked.get(c.value()))
        .limit(20)
        .toList();
  }

  public String errorSummary() {
    return "member errors " + new TreeMap<>(errors);
  }
}
