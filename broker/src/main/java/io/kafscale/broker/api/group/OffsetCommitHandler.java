/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.group;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.group.GroupCoordinator;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.protocol.frame.RequestFrame;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.OffsetCommitRequestData;
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
    OffsetCommits commits =
        OffsetCommits.check(
            OffsetCommits.topics(
                request.topics(),
                OffsetCommitRequestTopic::topicId,
                OffsetCommitRequestTopic::name,
                OffsetCommitRequestTopic::partitions,
                p ->
                    new OffsetCommits.Partition(
                        p.partitionIndex(),
                        p.committedOffset(),
                        p.committedLeaderEpoch(),
                        p.committedMetadata())),
            byId,
            topics,
            clock.millis());
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
                  commits.offsets())
              .handle((kind, e) -> e != null ? GroupErrors.of(e) : GroupErrors.of(kind));
    }
    return outcome.thenApply(error -> response(request, byId, commits.errors(error)));
  }

  private static OffsetCommitResponseData response(
      OffsetCommitRequestData request, boolean byId, List<List<Errors>> errors) {
    OffsetCommitResponseData data = new OffsetCommitResponseData();
    for (int i = 0; i < request.topics().size(); i++) {
      OffsetCommitRequestTopic t = request.topics().get(i);
      OffsetCommitResponseTopic topic =
          byId
              ? new OffsetCommitResponseTopic().setTopicId(t.topicId())
              : new OffsetCommitResponseTopic().setName(t.name());
      for (int j = 0; j < t.partitions().size(); j++) {
        topic
            .partitions()
            .add(
                new OffsetCommitResponsePartition()
                    .setPartitionIndex(t.partitions().get(j).partitionIndex())
                    .setErrorCode(errors.get(i).get(j).code()));
      }
      data.topics().add(topic);
    }
    return data;
  }
}
