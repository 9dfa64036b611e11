/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.txn;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.ErrorMapping;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.group.CoordinatorPartitions;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.broker.txn.TxnOffsetMarkers;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.protocol.frame.RequestFrame;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.log.TxnMarker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarker;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarkerTopic;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerPartitionResult;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerResult;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WriteTxnMarkers (inter-broker, sent by transaction coordinators): writes each marker to every
 * listed partition this broker owns and answers one error code per partition. Data partitions get a
 * control batch through {@link PartitionLog#appendMarker} (storage failures mapped by {@link
 * ErrorMapping}: NOT_LEADER_OR_FOLLOWER once ownership moved, INVALID_PRODUCER_EPOCH for an older
 * epoch, ...); partitions of {@value CoordinatorPartitions#TOPIC} go to the group side through
 * {@link TxnOffsetMarkers}, and answer COORDINATOR_NOT_AVAILABLE (retriable) while no such port is
 * wired. Unknown topics or partitions answer UNKNOWN_TOPIC_OR_PARTITION, partitions owned elsewhere
 * NOT_LEADER_OR_FOLLOWER. Partitions are written concurrently. {@link #write} is the same path the
 * local {@code MarkerWriter} uses for partitions this broker owns. Never fails as a whole;
 * thread-safe.
 */
public final class WriteTxnMarkersHandler implements ApiHandler<WriteTxnMarkersRequestData> {
  private static final Logger LOG = LoggerFactory.getLogger(WriteTxnMarkersHandler.class);

  private final Function<String, OptionalInt> partitionCounts;
  private final BiFunction<String, Integer, Optional<PartitionLog>> logs;
  private final Optional<TxnOffsetMarkers> offsetMarkers;

  /**
   * @param partitionCounts a topic's partition count, empty when the topic does not exist
   * @param logs the open log of a partition this broker owns
   * @param offsetMarkers the group side's port, empty until it exists
   */
  public WriteTxnMarkersHandler(
      Function<String, OptionalInt> partitionCounts,
      BiFunction<String, Integer, Optional<PartitionLog>> logs,
      Optional<TxnOffsetMarkers> offsetMarkers) {
    this.partitionCounts = partitionCounts;
    this.logs = logs;
    this.offsetMarkers = offsetMarkers;
  }

  /** Over this broker's topics and owned logs. */
  public static WriteTxnMarkersHandler of(
      TopicManager topics, Optional<TxnOffsetMarkers> offsetMarkers) {
    return new WriteTxnMarkersHandler(
        name ->
            topics
                .topic(name)
                .map(TopicRecord::partitionCount)
                .map(OptionalInt::of)
                .orElse(OptionalInt.empty()),
        topics::log,
        offsetMarkers);
  }

  @Override
  public CompletableFuture<WriteTxnMarkersResponseData> handle(
      RequestContext context, RequestFrame frame, WriteTxnMarkersRequestData request) {
    return write(request);
  }

  /** Writes every marker of {@code request} to its partitions; completes with their errors. */
  public CompletableFuture<WriteTxnMarkersResponseData> write(WriteTxnMarkersRequestData request) {
    WriteTxnMarkersResponseData response = new WriteTxnMarkersResponseData();
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    for (WritableTxnMarker marker : request.markers()) {
      TxnMarker txnMarker =
          new TxnMarker(
              marker.producerId(),
              marker.producerEpoch(),
              marker.transactionResult(),
              marker.coordinatorEpoch());
      WritableTxnMarkerResult result =
          new WritableTxnMarkerResult().setProducerId(marker.producerId());
      response.markers().add(result);
      for (WritableTxnMarkerTopic topic : marker.topics()) {
        WritableTxnMarkerTopicResult topicResult =
            new WritableTxnMarkerTopicResult().setName(topic.name());
        result.topics().add(topicResult);
        for (int partition : topic.partitionIndexes()) {
          WritableTxnMarkerPartitionResult partitionResult =
              new WritableTxnMarkerPartitionResult().setPartitionIndex(partition);
          topicResult.partitions().add(partitionResult);
          writes.add(
              writePartition(topic.name(), partition, txnMarker)
                  .thenAccept(error -> partitionResult.setErrorCode(error.code())));
        }
      }
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
        .thenApply(v -> response);
  }

  /** Never fails: every outcome becomes an error code. */
  private CompletableFuture<Errors> writePartition(String topic, int partition, TxnMarker marker) {
    OptionalInt count = partitionCounts.apply(topic);
    if (count.isEmpty() || partition < 0 || partition >= count.getAsInt()) {
      return CompletableFuture.completedFuture(Errors.UNKNOWN_TOPIC_OR_PARTITION);
    }
    Optional<PartitionLog> log = logs.apply(topic, partition);
    if (log.isEmpty()) {
      return CompletableFuture.completedFuture(Errors.NOT_LEADER_OR_FOLLOWER);
    }
    CompletableFuture<?> written;
    try {
      written =
          CoordinatorPartitions.TOPIC.equals(topic)
              ? completeOffsets(partition, marker)
              : log.get().appendMarker(marker);
    } catch (RuntimeException e) {
      written = CompletableFuture.failedFuture(e);
    }
    return written.handle(
        (v, e) -> {
          if (e == null) {
            return Errors.NONE;
          }
          Errors error = ErrorMapping.of(e);
          LOG.debug(
              "transaction marker not written topic={} partition={} error={}",
              topic,
              partition,
              ErrorMapping.message(e));
          return error;
        });
  }

  private CompletableFuture<Void> completeOffsets(int partition, TxnMarker marker) {
    if (offsetMarkers.isEmpty()) {
      // The group side cannot hold transactional offsets yet; answering NONE would claim an
      // outcome nobody applied, so the coordinator keeps retrying until the port is wired.
      return CompletableFuture.failedFuture(
          Errors.COORDINATOR_NOT_AVAILABLE.exception(
              "transactional offset markers are not supported by the group coordinator yet"));
    }
    return offsetMarkers
        .get()
        .complete(partition, marker.producerId(), marker.producerEpoch(), marker.commit());
  }
}
