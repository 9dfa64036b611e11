/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.group;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.group.TxnOffsetCoordinator;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.protocol.frame.RequestFrame;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData.TxnOffsetCommitRequestTopic;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData.TxnOffsetCommitResponsePartition;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic;
import org.apache.kafka.common.protocol.Errors;

/**
 * TxnOffsetCommit v0-6 (topics by name until v5, by id from v6: unknown ids answer
 * UNKNOWN_TOPIC_ID): stores the offsets as pending for the group and producer; they become visible
 * when the transaction's commit marker reaches the group's coordinator partition. Unknown topics or
 * partitions answer UNKNOWN_TOPIC_OR_PARTITION, too long metadata OFFSET_METADATA_TOO_LARGE; the
 * rest share the coordinator's answer (NOT_COORDINATOR, and from v3, when member or generation are
 * given, UNKNOWN_MEMBER_ID / ILLEGAL_GENERATION / FENCED_INSTANCE_ID). Thread-safe.
 */
public final class TxnOffsetCommitHandler implements ApiHandler<TxnOffsetCommitRequestData> {
  private static final short FIRST_TOPIC_ID_VERSION = 6;

  private final TxnOffsetCoordinator coordinator;
  private final TopicManager topics;
  private final Clock clock;

  public TxnOffsetCommitHandler(
      TxnOffsetCoordinator coordinator, TopicManager topics, Clock clock) {
    this.coordinator = coordinator;
    this.topics = topics;
    this.clock = clock;
  }

  @Override
  public CompletionStage<TxnOffsetCommitResponseData> handle(
      RequestContext context, RequestFrame frame, TxnOffsetCommitRequestData request) {
    boolean byId = frame.apiVersion() >= FIRST_TOPIC_ID_VERSION;
    OffsetCommits commits =
        OffsetCommits.check(
            OffsetCommits.topics(
                request.topics(),
                TxnOffsetCommitRequestTopic::topicId,
                TxnOffsetCommitRequestTopic::name,
                TxnOffsetCommitRequestTopic::partitions,
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
      // Fields of v3+ keep their defaults ("" and -1) in older versions: no member checks then.
      outcome =
          coordinator
              .commit(
                  request.groupId(),
                  request.producerId(),
                  request.producerEpoch(),
                  request.memberId() == null ? "" : request.memberId(),
                  Optional.ofNullable(request.groupInstanceId()),
                  request.generationIdOrMemberEpoch(),
                  commits.offsets())
              .handle((kind, e) -> e != null ? GroupErrors.of(e) : GroupErrors.of(kind));
    }
    return outcome.thenApply(error -> response(request, byId, commits.errors(error)));
  }

  private static TxnOffsetCommitResponseData response(
      TxnOffsetCommitRequestData request, boolean byId, List<List<Errors>> errors) {
    TxnOffsetCommitResponseData data = new TxnOffsetCommitResponseData();
    for (int i = 0; i < request.topics().size(); i++) {
      TxnOffsetCommitRequestTopic t = request.topics().get(i);
      TxnOffsetCommitResponseTopic topic =
          byId
              ? new TxnOffsetCommitResponseTopic().setTopicId(t.topicId())
              : new TxnOffsetCommitResponseTopic().setName(t.name());
      for (int j = 0; j < t.partitions().size(); j++) {
        topic
            .partitions()
            .add(
                new TxnOffsetCommitResponsePartition()
                    .setPartitionIndex(t.partitions().get(j).partitionIndex())
                    .setErrorCode(errors.get(i).get(j).code()));
      }
      data.topics().add(topic);
    }
    return data;
  }
}
