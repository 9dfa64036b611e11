/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.admin;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.ErrorMapping;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.partition.LogTrimmer;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.protocol.frame.RequestFrame;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.log.TrimRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsTopic;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsTopicResult;
import org.apache.kafka.common.protocol.Errors;

/**
 * DeleteRecords: moves each partition's log start offset to the requested offset ({@code -1}: the
 * high watermark) on its owner, through the same fenced trim as retention ({@link LogTrimmer}):
 * segments wholly below it are removed with their objects, a segment it falls inside stays, and
 * reads below it fail with OFFSET_OUT_OF_RANGE. Answers the new low watermark per partition;
 * UNKNOWN_TOPIC_OR_PARTITION, NOT_LEADER_OR_FOLLOWER (not owned here) and OFFSET_OUT_OF_RANGE
 * (above the high watermark) per partition. Thread-safe.
 */
public final class DeleteRecordsHandler implements ApiHandler<DeleteRecordsRequestData> {
  private final TopicManager topics;
  private final LogTrimmer trimmer;

  public DeleteRecordsHandler(TopicManager topics, LogTrimmer trimmer) {
    this.topics = topics;
    this.trimmer = trimmer;
  }

  @Override
  public CompletionStage<DeleteRecordsResponseData> handle(
      RequestContext context, RequestFrame frame, DeleteRecordsRequestData request) {
    List<DeleteRecordsTopic> requested = request.topics();
    List<List<CompletableFuture<DeleteRecordsPartitionResult>>> perTopic = new ArrayList<>();
    List<CompletableFuture<DeleteRecordsPartitionResult>> all = new ArrayList<>();
    for (DeleteRecordsTopic t : requested) {
      Optional<TopicRecord> topic = topics.topic(t.name());
      List<CompletableFuture<DeleteRecordsPartitionResult>> results = new ArrayList<>();
      for (DeleteRecordsPartition p : t.partitions()) {
        results.add(
            delete(topic, t.name(), p)
                .exceptionally(e -> failed(p.partitionIndex(), ErrorMapping.of(e))));
      }
      perTopic.add(results);
      all.addAll(results);
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              DeleteRecordsResponseData response =
                  new DeleteRecordsResponseData().setThrottleTimeMs(0);
              for (int i = 0; i < requested.size(); i++) {
                DeleteRecordsTopicResult topicResult =
                    new DeleteRecordsTopicResult().setName(requested.get(i).name());
                perTopic.get(i).forEach(r -> topicResult.partitions().add(r.join()));
                response.topics().add(topicResult);
              }
              return response;
            });
  }

  private CompletableFuture<DeleteRecordsPartitionResult> delete(
      Optional<TopicRecord> topic, String name, DeleteRecordsPartition p) {
    int partition = p.partitionIndex();
    if (topic.isEmpty() || partition < 0 || partition >= topic.get().partitionCount()) {
      return done(failed(partition, Errors.UNKNOWN_TOPIC_OR_PARTITION));
    }
    if (p.offset() < TrimRequest.DeleteBefore.HIGH_WATERMARK) {
      return done(failed(partition, Errors.OFFSET_OUT_OF_RANGE));
    }
    Optional<PartitionLog> log = topics.log(name, partition);
    if (log.isEmpty()) {
      return done(failed(partition, Errors.NOT_LEADER_OR_FOLLOWER));
    }
    return trimmer
        .trim(log.get(), new TrimRequest.DeleteBefore(p.offset()), LogTrimmer.Cause.DELETE_RECORDS)
        .thenApply(
            plan ->
                new DeleteRecordsPartitionResult()
                    .setPartitionIndex(partition)
                    .setLowWatermark(plan.logStartOffset())
                    .setErrorCode(Errors.NONE.code()));
  }

  private static DeleteRecordsPartitionResult failed(int partition, Errors error) {
    return new DeleteRecordsPartitionResult()
        .setPartitionIndex(partition)
        .setLowWatermark(-1)
        .setErrorCode(error.code());
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
