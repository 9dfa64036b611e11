/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.fetch;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.ErrorMapping;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.protocol.frame.RequestFrame;
import io.kafscale.protocol.records.RecordBatches;
import io.kafscale.storage.log.PartitionLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsTopicResponse;
import org.apache.kafka.common.protocol.Errors;

/**
 * ListOffsets v1+: EARLIEST (-2) and EARLIEST_LOCAL (-4) give the log start offset, LATEST (-1) the
 * high watermark (the last stable offset for read_committed requests), MAX_TIMESTAMP (-3) the
 * record with the largest timestamp, and a timestamp the first record at or after it (found in the
 * first batch whose max timestamp reaches it); no match gives offset -1 and timestamp -1, as does
 * LATEST_TIERED (-5: no tiered storage). The leader epoch is set from v4. Thread-safe.
 */
public final class ListOffsetsHandler implements ApiHandler<ListOffsetsRequestData> {
  static final long LATEST = -1;
  static final long EARLIEST = -2;
  static final long MAX_TIMESTAMP = -3;
  static final long EARLIEST_LOCAL = -4;

  /** ListOffsetsRequest isolation_level of read_committed consumers. */
  private static final byte READ_COMMITTED = 1;

  private final TopicManager topics;

  public ListOffsetsHandler(TopicManager topics) {
    this.topics = topics;
  }

  @Override
  public CompletionStage<ListOffsetsResponseData> handle(
      RequestContext context, RequestFrame frame, ListOffsetsRequestData request) {
    short version = frame.apiVersion();
    List<ListOffsetsTopicResponse> topicResponses = new ArrayList<>();
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    for (ListOffsetsTopic topic : request.topics()) {
      ListOffsetsTopicResponse topicResponse = new ListOffsetsTopicResponse().setName(topic.name());
      topicResponses.add(topicResponse);
      Optional<TopicRecord> record = topics.topic(topic.name());
      for (ListOffsetsPartition partition : topic.partitions()) {
        ListOffsetsPartitionResponse answer =
            new ListOffsetsPartitionResponse().setPartitionIndex(partition.partitionIndex());
        topicResponse.partitions().add(answer);
        pending.add(
            lookup(record, partition, answer, version, request.isolationLevel() == READ_COMMITTED));
      }
    }
    return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> new ListOffsetsResponseData().setThrottleTimeMs(0).setTopics(topicResponses));
  }

  private CompletableFuture<Void> lookup(
      Optional<TopicRecord> topic,
      ListOffsetsPartition request,
      ListOffsetsPartitionResponse answer,
      short version,
      boolean readCommitted) {
    int index = request.partitionIndex();
    if (topic.isEmpty() || index < 0 || index >= topic.get().partitionCount()) {
      return done(error(answer, Errors.UNKNOWN_TOPIC_OR_PARTITION));
    }
    Optional<PartitionLog> found = topics.log(topic.get().name(), index);
    if (found.isEmpty()) {
      return done(error(answer, Errors.NOT_LEADER_OR_FOLLOWER));
    }
    PartitionLog log = found.get();
    int requestedEpoch = request.currentLeaderEpoch();
    if (requestedEpoch >= 0 && requestedEpoch != log.epoch()) {
      return done(
          error(
              answer,
              requestedEpoch < log.epoch()
                  ? Errors.FENCED_LEADER_EPOCH
                  : Errors.UNKNOWN_LEADER_EPOCH));
    }
    if (version >= 4) {
      answer.setLeaderEpoch(log.epoch());
    }
    answer.setErrorCode(Errors.NONE.code());
    long timestamp = request.timestamp();
    if (timestamp == EARLIEST || timestamp == EARLIEST_LOCAL) {
      return done(set(answer, log.logStartOffset(), -1));
    }
    if (timestamp == LATEST) {
      return done(set(answer, readCommitted ? log.lastStableOffset() : log.highWatermark(), -1));
    }
    if (timestamp == MAX_TIMESTAMP) {
      return maxTimestamp(log, answer);
    }
    if (timestamp < 0) {
      return done(set(answer, -1, -1));
    }
    return log.firstBatchWithTimestampAtLeast(timestamp)
        .thenAccept(
            batch ->
                batch
                    .flatMap(b -> RecordBatches.firstOffsetAtOrAfter(b, timestamp))
                    .ifPresentOrElse(
                        // The found batch may straddle the log start offset (records below it
                        // are deleted): never answer an offset the log no longer serves. The
                        // timestamp stays that of the matched record, a lower bound of the one at
                        // the log start offset (finding the exact record needs a filtered scan).
                        found2 ->
                            set(
                                answer,
                                Math.max(found2.offset(), log.logStartOffset()),
                                found2.timestamp()),
                        () -> set(answer, -1, -1)))
        .exceptionally(
            e -> {
              error(answer, ErrorMapping.of(e));
              return null;
            });
  }

  /**
   * The log knows the batch holding the largest timestamp; Kafka answers the exact record inside
   * it, so look into that batch (falling back to the log's answer if it cannot be read).
   */
  private static CompletableFuture<Void> maxTimestamp(
      PartitionLog log, ListOffsetsPartitionResponse answer) {
    Optional<io.kafscale.storage.log.TimestampedOffset> max = log.maxTimestamp();
    if (max.isEmpty()) {
      return done(set(answer, -1, -1));
    }
    long ts = max.get().timestamp();
    return log.firstBatchWithTimestampAtLeast(ts)
        .thenApply(batch -> batch.flatMap(RecordBatches::maxTimestampRecord))
        .exceptionally(e -> Optional.empty())
        .thenAccept(
            exact ->
                exact.ifPresentOrElse(
                    r -> set(answer, r.offset(), r.timestamp()),
                    () -> set(answer, max.get().offset(), ts)));
  }

  private static ListOffsetsPartitionResponse set(
      ListOffsetsPartitionResponse answer, long offset, long timestamp) {
    return answer.setOffset(offset).setTimestamp(timestamp);
  }

  private static ListOffsetsPartitionResponse error(
      ListOffsetsPartitionResponse answer, Errors error) {
    return answer.setErrorCode(error.code()).setOffset(-1).setTimestamp(-1).setLeaderEpoch(-1);
  }

  private static CompletableFuture<Void> done(Object ignored) {
    return CompletableFuture.completedFuture(null);
  }
}
