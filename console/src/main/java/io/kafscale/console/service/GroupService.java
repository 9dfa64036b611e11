/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import static io.kafscale.console.service.KafkaErrors.await;

import io.kafscale.console.http.ApiException;
import io.kafscale.console.metrics.History;
import io.kafscale.console.metrics.LagHistory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer groups through the Kafka AdminClient: list with total lag, describe with per-partition
 * lag (log end offset minus committed offset, never below 0), lag history from the console's
 * sampler, offset resets with a dry run (refused while the group has members, as {@code
 * kafka-consumer-groups}), delete. Thread-safe.
 */
public final class GroupService {
  /** A row of the group list. */
  public record GroupSummary(
      String groupId,
      String state,
      String protocolType,
      Integer members,
      Integer coordinator,
      Long lag) {}

  /** One assigned partition. */
  public record Assignment(String topic, int partition) {}

  /** One member. */
  public record Member(
      String memberId, String clientId, String host, List<Assignment> assignments) {}

  /** One committed offset with its lag. */
  public record OffsetLag(
      String topic, int partition, long committedOffset, Long logEndOffset, Long lag) {}

  /** A described group. */
  public record GroupDetail(
      String groupId,
      String state,
      String protocolType,
      String protocol,
      Integer coordinator,
      List<Member> members,
      List<OffsetLag> offsets,
      Long totalLag) {}

  /** Body of POST /groups/{id}/reset-offsets. */
  public record ResetRequest(
      String topic, List<Integer> partitions, String strategy, Long value, Boolean dryRun) {}

  /** One planned or applied reset. */
  public record ResetOffset(String topic, int partition, Long currentOffset, long newOffset) {}

  /** The reset answer. */
  public record ResetResult(boolean dryRun, List<ResetOffset> offsets) {}

  /** Lag over time. */
  public record LagSeries(List<Long> timestamps, List<Long> lag) {}

  private final KafkaClients kafka;
  private final TopicService topics;
  private final LagHistory history;

  public GroupService(KafkaClients kafka, TopicService topics, LagHistory history) {
    this.kafka = kafka;
    this.topics = topics;
    this.history = history;
  }

  /**
   * Every group. Consumer groups (protocol type {@code consumer}, or empty for groups that only
   * commit offsets) are described and get their lag; other groups (Kafka Connect workers, ...) are
   * listed with their protocol type and state only, since describing them as consumer groups fails.
   */
  public List<GroupSummary> list() {
    Collection<GroupListing> listings = await(kafka.admin().listGroups().all(), t(), "list groups");
    List<String> ids =
        listings.stream()
            .filter(GroupService::isConsumerGroup)
            .map(GroupListing::groupId)
            .sorted()
            .toList();
    Map<String, ConsumerGroupDescription> described = Map.of();
    Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = Map.of();
    Map<TopicPartition, Long> ends = Map.of();
    if (!ids.isEmpty()) {
      described = await(kafka.admin().describeConsumerGroups(ids).all(), t(), "describe groups");
      Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
      ids.forEach(id -> specs.put(id, new ListConsumerGroupOffsetsSpec()));
      committed =
          await(kafka.admin().listConsumerGroupOffsets(specs).all(), t(), "list committed offsets");
      Set<TopicPartition> all = new HashSet<>();
      committed.values().forEach(m -> m.forEach((tp, o) -> addIfCommitted(all, tp, o)));
      ends = topics.knownEndOffsets(all);
    }
    List<GroupSummary> out = new ArrayList<>();
    for (GroupListing listing : listings) {
      String id = listing.groupId();
      if (!isConsumerGroup(listing)) {
        out.add(
            new GroupSummary(
                id,
                listing.groupState().map(Object::toString).orElse(null),
                listing.protocol(),
                null,
                null,
                null));
        continue;
      }
      ConsumerGroupDescription d = described.get(id);
      Map<TopicPartition, OffsetAndMetadata> offsets = committed.getOrDefault(id, Map.of());
      out.add(
          new GroupSummary(
              id,
              d == null ? null : state(d),
              d == null ? null : protocolType(d),
              d == null ? null : d.members().size(),
              d == null || d.coordinator() == null ? null : d.coordinator().id(),
              totalLag(lags(offsets, ends))));
    }
    out.sort(Comparator.comparing(GroupSummary::groupId));
    return out;
  }

  /** Whether the console can describe the group as a consumer group. */
  static boolean isConsumerGroup(GroupListing listing) {
    String protocol = listing.protocol();
    return protocol == null || protocol.isEmpty() || protocol.equals("consumer");
  }

  private static void addIfCommitted(
      Set<TopicPartition> all, TopicPartition tp, OffsetAndMetadata o) {
    if (o != null) {
      all.add(tp);
    }
  }

  public GroupDetail detail(String id) {
    ConsumerGroupDescription d = describe(id);
    Map<TopicPartition, OffsetAndMetadata> committed = committed(id);
    Map<TopicPartition, Long> ends = topics.knownEndOffsets(committed.keySet());
    List<OffsetLag> offsets = lags(committed, ends);
    List<Member> members =
        d.members().stream()
            .map(m -> new Member(m.consumerId(), m.clientId(), m.host(), assignments(m)))
            .toList();
    return new GroupDetail(
        id,
        state(d),
        protocolType(d),
        d.partitionAssignor(),
        d.coordinator() == null ? null : d.coordinator().id(),
        members,
        offsets,
        totalLag(offsets));
  }

  public LagSeries lagHistory(String id) {
    List<History.Point<Long>> points = history.of(id);
    return new LagSeries(
        points.stream().map(History.Point::atMs).toList(),
        points.stream().map(History.Point::value).toList());
  }

  public ResetResult reset(String id, ResetRequest body) {
    OffsetResetPlanner.Strategy strategy = OffsetResetPlanner.Strategy.parse(body.strategy());
    if (body.topic() == null || body.topic().isBlank()) {
      throw ApiException.badRequest("'topic' is required");
    }
    if (strategy.needsValue() && body.value() == null) {
      throw ApiException.badRequest("strategy " + body.strategy() + " needs a 'value'");
    }
    ConsumerGroupDescription d = describe(id);
    if (!d.members().isEmpty()) {
      throw ApiException.conflict(
          "group '"
              + id
              + "' has "
              + d.members().size()
              + " active member(s); stop its consumers before resetting offsets");
    }
    var description = topics.describe(List.of(body.topic())).get(body.topic());
    Set<Integer> existing =
        description.partitions().stream().map(p -> p.partition()).collect(Collectors.toSet());
    List<Integer> partitions =
        body.partitions() == null ? existing.stream().sorted().toList() : body.partitions();
    for (Integer p : partitions) {
      if (p == null || !existing.contains(p)) {
        throw ApiException.badRequest("topic '" + body.topic() + "' has no partition " + p);
      }
    }
    List<TopicPartition> tps =
        partitions.stream().map(p -> new TopicPartition(body.topic(), p)).toList();
    Map<TopicPartition, Long> starts = topics.offsets(tps, OffsetSpec.earliest());
    Map<TopicPartition, Long> ends = topics.offsets(tps, OffsetSpec.latest());
    Map<TopicPartition, Long> byTime =
        strategy == OffsetResetPlanner.Strategy.TIMESTAMP
            ? topics.offsets(tps, OffsetSpec.forTimestamp(body.value()))
            : Map.of();
    Map<TopicPartition, OffsetAndMetadata> committed = committed(id);
    List<ResetOffset> plan = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> changes = new HashMap<>();
    for (TopicPartition tp : tps) {
      OffsetAndMetadata c = committed.get(tp);
      Long current = c == null ? null : c.offset();
      long next =
          OffsetResetPlanner.newOffset(
              strategy,
              body.value(),
              current,
              starts.getOrDefault(tp, 0L),
              ends.getOrDefault(tp, 0L),
              byTime.getOrDefault(tp, -1L));
      plan.add(new ResetOffset(tp.topic(), tp.partition(), current, next));
      changes.put(tp, new OffsetAndMetadata(next));
    }
    boolean dryRun = body.dryRun() == null || body.dryRun();
    if (!dryRun) {
      await(
          kafka.admin().alterConsumerGroupOffsets(id, changes).all(),
          t(),
          "reset offsets of " + id);
    }
    return new ResetResult(dryRun, plan);
  }

  public void delete(String id) {
    await(kafka.admin().deleteConsumerGroups(List.of(id)).all(), t(), "delete group " + id);
  }

  /** Total lag per group of the current list (null when unknown), for the sampler. */
  public static Map<String, Long> lags(List<GroupSummary> groups) {
    Map<String, Long> out = new HashMap<>();
    groups.forEach(g -> out.put(g.groupId(), g.lag()));
    return out;
  }

  private ConsumerGroupDescription describe(String id) {
    ConsumerGroupDescription d =
        await(kafka.admin().describeConsumerGroups(List.of(id)).all(), t(), "describe group " + id)
            .get(id);
    if (d == null || d.groupState() == GroupState.DEAD) {
      throw ApiException.notFound("group '" + id + "' does not exist");
    }
    return d;
  }

  private Map<TopicPartition, OffsetAndMetadata> committed(String id) {
    Map<TopicPartition, OffsetAndMetadata> raw =
        await(
            kafka.admin().listConsumerGroupOffsets(id).partitionsToOffsetAndMetadata(),
            t(),
            "list committed offsets of " + id);
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    raw.forEach(
        (tp, o) -> {
          if (o != null) out.put(tp, o);
        });
    return out;
  }

  static List<OffsetLag> lags(
      Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> ends) {
    List<OffsetLag> out = new ArrayList<>();
    committed.forEach(
        (tp, o) -> {
          if (o == null) {
            return;
          }
          Long end = ends.get(tp);
          out.add(
              new OffsetLag(
                  tp.topic(),
                  tp.partition(),
                  o.offset(),
                  end,
                  end == null ? null : Math.max(0, end - o.offset())));
        });
    out.sort(Comparator.comparing(OffsetLag::topic).thenComparingInt(OffsetLag::partition));
    return out;
  }

  /**
   * The sum of the lags; null (unknown, a gap in the lag history) when there is no committed offset
   * or any partition's lag is unknown: a partial sum would read as a lower lag than the real one.
   */
  static Long totalLag(List<OffsetLag> offsets) {
    if (offsets.isEmpty() || offsets.stream().anyMatch(o -> o.lag() == null)) {
      return null;
    }
    return offsets.stream().mapToLong(OffsetLag::lag).sum();
  }

  private static List<Assignment> assignments(MemberDescription m) {
    return m.assignment().topicPartitions().stream()
        .map(tp -> new Assignment(tp.topic(), tp.partition()))
        .sorted(Comparator.comparing(Assignment::topic).thenComparingInt(Assignment::partition))
        .toList();
  }

  private static String state(ConsumerGroupDescription d) {
    return d.groupState() == null ? null : d.groupState().toString();
  }

  private static String protocolType(ConsumerGroupDescription d) {
    return d.isSimpleConsumerGroup() ? "" : "consumer";
  }

  private long t() {
    return kafka.timeoutMs();
  }
}
