/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.fetch;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.protocol.frame.RequestFrame;
import io.kafscale.storage.log.PartitionLog;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderPartition;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderTopic;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.EpochEndOffset;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult;
import org.apache.kafka.common.protocol.Errors;

/**
 * OffsetForLeaderEpoch v2+ (KIP-101, KIP-320): for each partition, where the requested leader epoch
 * ends in this broker's log, so a consumer can validate its position after a leader change and
 * detect truncation. Checks as for Fetch: unknown topic or partition → UNKNOWN_TOPIC_OR_PARTITION,
 * not owned here → NOT_LEADER_OR_FOLLOWER, a current leader epoch below the log's →
 * FENCED_LEADER_EPOCH, above it → UNKNOWN_LEADER_EPOCH (-1 skips the check). The answer follows
 * Kafka's leader-epoch cache ({@link PartitionLog#endOffsetForEpoch}); an epoch the log cannot
 * place is answered NONE with epoch and offset -1, as Kafka does.
 *
 * <p>{@code replica_id} is not a different mode: Kafka uses it only to choose the authorization
 * (CLUSTER_ACTION for a broker id, topic DESCRIBE for a consumer, -1, or a debugging client, -2)
 * and answers both from the leader's log. There are no followers and no authorizer yet, so every
 * caller gets the leader's answer. Thread-safe; never blocks.
 */
public final class OffsetForLeaderEpochHandler
    implements ApiHandler<OffsetForLeaderEpochRequestData> {

  private final TopicManager topics;

  public OffsetForLeaderEpochHandler(TopicManager topics) {
    this.topics = topics;
  }

  @Override
  public CompletionStage<OffsetForLeaderEpochResponseData> handle(
      RequestContext context, RequestFrame frame, OffsetForLeaderEpochRequestData request) {
    OffsetForLeaderEpochResponseData response =
        new OffsetForLeaderEpochResponseData().setThrottleTimeMs(0);
    for (OffsetForLeaderTopic topic : request.topics()) {
      OffsetForLeaderTopicResult result = new OffsetForLeaderTopicResult().setTopic(topic.topic());
      Optional<TopicRecord> record = topics.topic(topic.topic());
      for (OffsetForLeaderPartition partition : topic.partitions()) {
        result.partitions().add(answer(record, partition));
      }
      response.topics().add(result);
    }
    return CompletableFuture.completedFuture(response);
  }

  private EpochEndOffset answer(Optional<TopicRecord> topic, OffsetForLeaderPartition request) {
    int index = request.partition();
    EpochEndOffset answer = new EpochEndOffset().setPartition(index);
    if (topic.isEmpty() || index < 0 || index >= topic.get().partitionCount()) {
      return error(answer, Errors.UNKNOWN_TOPIC_OR_PARTITION);
    }
    Optional<PartitionLog> found = topics.log(topic.get().name(), index);
    if (found.isEmpty()) {
      return error(answer, Errors.NOT_LEADER_OR_FOLLOWER);
    }
    PartitionLog log = found.get();
    int current = request.currentLeaderEpoch();
    if (current >= 0 && current < log.epoch()) {
      return error(answer, Errors.FENCED_LEADER_EPOCH);
    }
    if (current > log.epoch()) {
      return error(answer, Errors.UNKNOWN_LEADER_EPOCH);
    }
    io.kafscale.storage.log.EpochEndOffset end = log.endOffsetForEpoch(request.leaderEpoch());
    return answer
        .setErrorCode(Errors.NONE.code())
        .setLeaderEpoch(end.leaderEpoch())
        .setEndOffset(end.endOffset());
  }

  private static EpochEndOffset error(EpochEndOffset answer, Errors error) {
    return answer.setErrorCode(error.code()).setLeaderEpoch(-1).setEndOffset(-1);
  }
}
