/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.group;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.api.TopicIds;
import io.kafscale.broker.group.GroupCoordinator;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopic;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartition;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopic;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopics;
import org.apache.kafka.common.protocol.Errors;

/**
 * OffsetFetch v1-10: one group (v1-7) or several (v8+); null topics mean every committed offset
 * (v2+); a partition without a committed offset answers -1 so the consumer applies {@code
 * auto.offset.reset}. Topics by id from v10. {@code require_stable} is satisfied trivially: there
 * are no transactional offsets. Thread-safe.
 */
public final class OffsetFetchHandler implements ApiHandler<OffsetFetchRequestData> {
  private static final short FIRST_GROUPS_VERSION = 8;
  private static final short FIRST_TOPIC_ID_VERSION = 10;
  private static final short FIRST_TOP_LEVEL_ERROR_VERSION = 2;

  private final GroupCoordinator coordinator;
  private final TopicManager topics;

  public OffsetFetchHandler(GroupCoordinator coordinator, TopicManager topics) {
    this.coordinator = coordinator;
    this.topics = topics;
  }

  /** One requested topic: its name (null when an id is unknown), id, and partitions. */
  private record Wanted(String name, Uuid id, List<Integer> partitions) {}

  /**
   * One group's answer: an error, or the offsets of the requested (or all) topics, and (when the
   * request asked for stable offsets) the partitions with transactional offsets not yet committed.
   */
  private record Fetched(
      Errors error,
      Map<String, Map<Integer, CommittedOffsetRecord>> offsets,
      Set<PartitionRef> unstable) {

    Fetched(Errors error) {
      this(error, Map.of(), Set.of());
    }

    /** UNSTABLE_OFFSET_COMMIT for a partition with pending transactional offsets, else null. */
    Errors partitionError(String topic, int partition) {
      return unstable.contains(new PartitionRef(topic, partition))
          ? Errors.UNSTABLE_OFFSET_COMMIT
          : null;
    }
  }

  @Override
  public CompletionStage<OffsetFetchResponseData> handle(
      RequestContext context, RequestFrame frame, OffsetFetchRequestData request) {
    short version = frame.apiVersion();
    if (version < FIRST_GROUPS_VERSION) {
      List<Wanted> wanted = request.topics() == null ? null : legacyTopics(request.topics());
      return fetch(request.groupId(), wanted, request.requireStable())
          .thenApply(f -> legacyResponse(version, wanted, f));
    }
    boolean byId = version >= FIRST_TOPIC_ID_VERSION;
    List<CompletableFuture<OffsetFetchResponseGroup>> groups = new ArrayList<>();
    for (OffsetFetchRequestGroup g : request.groups()) {
      List<Wanted> wanted = g.topics() == null ? null : topics(g.topics(), byId);
      groups.add(
          fetch(g.groupId(), wanted, request.requireStable())
              .thenApply(f -> group(g.groupId(), byId, wanted, f)));
    }
    return CompletableFuture.allOf(groups.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              OffsetFetchResponseData data = new OffsetFetchResponseData();
              groups.forEach(f -> data.groups().add(f.join()));
              return data;
            });
  }

  private List<Wanted> legacyTopics(List<OffsetFetchRequestTopic> requested) {
    return requested.stream()
        .map(t -> new Wanted(t.name(), Uuid.ZERO_UUID, t.partitionIndexes()))
        .toList();
  }

  private List<Wanted> topics(List<OffsetFetchRequestTopics> requested, boolean byId) {
    return requested.stream()
        .map(
            t ->
                byId
                    ? new Wanted(
                        topics
                            .topic(TopicIds.fromKafka(t.topicId()))
                            .map(TopicRecord::name)
                            .orElse(null),
                        t.topicId(),
                        t.partitionIndexes())
                    : new Wanted(t.name(), Uuid.ZERO_UUID, t.partitionIndexes()))
        .toList();
  }

  private CompletableFuture<Fetched> fetch(
      String groupId, List<Wanted> wanted, boolean requireStable) {
    if (groupId == null || groupId.isEmpty()) {
      return CompletableFuture.completedFuture(new Fetched(Errors.INVALID_GROUP_ID));
    }
    CompletableFuture<Set<PartitionRef>> unstable =
        requireStable
            ? coordinator.unstablePartitions(groupId)
            : CompletableFuture.completedFuture(Set.of());
    return coordinator
        .fetchOffsets(groupId)
        .thenCombine(unstable, (offsets, pending) -> Map.entry(offsets, pending))
        .handle(
            (both, e) -> {
              if (e != null) {
                return new Fetched(GroupErrors.of(e));
              }
              Map<PartitionRef, CommittedOffsetRecord> offsets = both.getKey();
              Map<String, Map<Integer, CommittedOffsetRecord>> byTopic = new TreeMap<>();
              offsets.forEach(
                  (PartitionRef p, CommittedOffsetRecord o) ->
                      byTopic
                          .computeIfAbsent(p.topic(), k -> new TreeMap<>())
                          .put(p.partition(), o));
              return new Fetched(Errors.NONE, byTopic, both.getValue());
            });
  }

  /** The requested topics, or every topic with offsets when none were named. */
  private static List<Wanted> effective(List<Wanted> wanted, Fetched fetched) {
    if (wanted != null) {
      return wanted;
    }
    List<Wanted> all = new ArrayList<>();
    fetched
        .offsets()
        .forEach((t, ps) -> all.add(new Wanted(t, Uuid.ZERO_UUID, List.copyOf(ps.keySet()))));
    return all;
  }

  private static OffsetFetchResponseData legacyResponse(
      short version, List<Wanted> wanted, Fetched fetched) {
    OffsetFetchResponseData data = new OffsetFetchResponseData();
    boolean topLevel = version >= FIRST_TOP_LEVEL_ERROR_VERSION;
    if (topLevel) {
      data.setErrorCode(fetched.error().code());
      if (fetched.error() != Errors.NONE) {
        return data;
      }
    }
    for (Wanted w : effective(wanted, fetched)) {
      OffsetFetchResponseTopic topic = new OffsetFetchResponseTopic().setName(w.name());
      Map<Integer, CommittedOffsetRecord> offsets =
          fetched.offsets().getOrDefault(w.name(), Map.of());
      for (int p : w.partitions()) {
        Errors unstable = fetched.partitionError(w.name(), p);
        Optional<CommittedOffsetRecord> o =
            unstable != null ? Optional.empty() : Optional.ofNullable(offsets.get(p));
        OffsetFetchResponsePartition part =
            new OffsetFetchResponsePartition()
                .setPartitionIndex(p)
                .setCommittedOffset(o.map(CommittedOffsetRecord::offset).orElse(-1L))
                .setMetadata(o.map(CommittedOffsetRecord::metadata).orElse(""))
                .setErrorCode(
                    unstable != null
                        ? unstable.code()
                        : topLevel ? Errors.NONE.code() : fetched.error().code());
        if (version >= 5) {
          part.setCommittedLeaderEpoch(o.map(CommittedOffsetRecord::leaderEpoch).orElse(-1));
        }
        topic.partitions().add(part);
      }
      data.topics().add(topic);
    }
    return data;
  }

  private OffsetFetchResponseGroup group(
      String groupId, boolean byId, List<Wanted> wanted, Fetched fetched) {
    OffsetFetchResponseGroup group =
        new OffsetFetchResponseGroup().setGroupId(groupId).setErrorCode(fetched.error().code());
    if (fetched.error() != Errors.NONE) {
      return group;
    }
    for (Wanted w : effective(wanted, fetched)) {
      OffsetFetchResponseTopics topic = new OffsetFetchResponseTopics();
      if (byId) {
        Uuid id =
            wanted != null
                ? w.id()
                : topics.topic(w.name()).map(t -> TopicIds.toKafka(t.topicId())).orElse(null);
        if (id == null) {
          continue; // offsets of a deleted topic: it has no id to answer with
        }
        topic.setTopicId(id);
      } else {
        topic.setName(w.name());
      }
      Map<Integer, CommittedOffsetRecord> offsets =
          w.name() == null ? Map.of() : fetched.offsets().getOrDefault(w.name(), Map.of());
      for (int p : w.partitions()) {
        Errors unstable = w.name() == null ? null : fetched.partitionError(w.name(), p);
        Optional<CommittedOffsetRecord> o =
            unstable != null ? Optional.empty() : Optional.ofNullable(offsets.get(p));
        Errors error =
            w.name() == null ? Errors.UNKNOWN_TOPIC_ID : unstable != null ? unstable : Errors.NONE;
        topic
            .partitions()
            .add(
                new OffsetFetchResponsePartitions()
                    .setPartitionIndex(p)
                    .setCommittedOffset(o.map(CommittedOffsetRecord::offset).orElse(-1L))
                    .setCommittedLeaderEpoch(o.map(CommittedOffsetRecord::leaderEpoch).orElse(-1))
                    .setMetadata(o.map(CommittedOffsetRecord::metadata).orElse(""))
                    .setErrorCode(error.code()));
      }
      group.topics().add(topic);
    }
    return group;
  }
}
