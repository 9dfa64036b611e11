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
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponsePartition;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponseTopic;
import org.apache.kafka.common.protocol.Errors;

/**
 * OffsetCommit v2-10: validated by the coordinator (generation and member, or generation -1 from an
 * {@code assign()} consumer into an Empty group) and answered once durable. Topics are named until
 * v9 and by id from v10 (unknown ids: UNKNOWN_TOPIC_ID; unknown names or partitions:
 * UNKNOWN_TOPIC_OR_PARTITION). Metadata longer than Kafka's offset.metadata.max.bytes default
 * (4096) gets OFFSET_METADATA_TOO_LARGE. Thread-safe.
 */
public final class OffsetCommitHandler implements ApiHandler<OffsetCommitRequestData> {
  private static final int MAX_METADATA_LENGTH = 4096;
  private static final short FIRST_TOPIC_ID_VERSION = 10;

  private final GroupCoordinator coordinator;
  private final TopicManager topics;
  private final Clock clock;

  public OffsetCommitHandler(GroupCoordinator coordinator, TopicManager topics, Clock clock) {
    this.coordinator = coordinator;
    this.topics = topics;
    this.clock = clock;
  }

  @Override
  public CompletionStage<OffsetCommitResponseData> handle(
      RequestContext context, RequestFrame frame, OffsetCommitRequestData request) {
    boolean byId = frame.apiVersion() >= FIRST_TOPIC_ID_VERSION;
    Map<PartitionRef, Errors> early = new HashMap<>();
    Map<PartitionRef, CommittedOffsetRecord> offsets = new HashMap<>();
    Map<OffsetCommitRequestTopic, String> names = new HashMap<>();
    long now = clock.millis();
    for (OffsetCommitRequestTopic t : request.topics()) {
      Optional<TopicRecord> known =
          byId ? topics.topic(TopicIds.fromKafka(t.topicId())) : topics.topic(t.name());
      Optional<String> name = byId ? known.map(TopicRecord::name) : Optional.of(t.name());
      names.put(t, name.orElse(null));
      for (OffsetCommitRequestPartition p : t.partitions()) {
        PartitionRef ref = new PartitionRef(name.orElse(""), p.partitionIndex());
        String metadata = p.committedMetadata() == null ? "" : p.committedMetadata();
        if (name.isEmpty()) {
          continue;
        } else if (known.isEmpty()
            || p.partitionIndex() < 0
            || p.partitionIndex() >= known.get().partitionCount()) {
          // Kafka stores no offsets for partitions that do not exist.
          early.put(ref, Errors.UNKNOWN_TOPIC_OR_PARTITION);
        } else if (metadata.length() > MAX_METADATA_LENGTH) {
          early.put(ref, Errors.OFFSET_METADATA_TOO_LARGE);
        } else {
          offsets.put(
              ref,
              new CommittedOffsetRecord(
                  p.committedOffset(), p.committedLeaderEpoch(), metadata, now));
        }
      }
    }
    CompletableFuture<Errors> outcome;
    if (request.groupId() == null || request.groupId().isEmpty()) {
      outcome = CompletableFuture.completedFuture(Errors.INVALID_GROUP_ID);
    } else {
      outcome =
          coordinator
              .commitOffsets(
                  request.groupId(),
                  request.memberId(),
                  Optional.ofNullable(request.groupInstanceId()),
                  request.generationIdOrMemberEpoch(),
                  offsets)
              .handle((kind, e) -> e != null ? GroupErrors.of(e) : GroupErrors.of(kind));
    }
    return outcome.thenApply(
        error -> response(request, byId, t -> names.get(t), ref -> early.getOrDefault(ref, error)));
  }

  private static OffsetCommitResponseData response(
      OffsetCommitRequestData request,
      boolean byId,
      Function<OffsetCommitRequestTopic, String> names,
      Function<PartitionRef, Errors> errors) {
    OffsetCommitResponseData data = new OffsetCommitResponseData();
    for (OffsetCommitRequestTopic t : request.topics()) {
      OffsetCommitResponseTopic topic = new OffsetCommitResponseTopic();
      if (byId) {
        topic.setTopicId(t.topicId());
      } else {
        topic.setName(t.name());
      }
      String name = names.apply(t);
      for (OffsetCommitRequestPartition p : t.partitions()) {
        Errors error =
            name == null
                ? Errors.UNKNOWN_TOPIC_ID
                : errors.apply(new PartitionRef(name, p.partitionIndex()));
        topic
            .partitions()
            .add(
                new OffsetCommitResponsePartition()
                    .setPartitionIndex(p.partitionIndex())
                    .setErrorCode(error.code()));
      }
      data.topics().add(topic);
    }
    return data;
  }
}
