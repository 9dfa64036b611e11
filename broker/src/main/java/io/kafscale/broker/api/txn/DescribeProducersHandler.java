/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.txn;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.protocol.frame.RequestFrame;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.producer.ProducerSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DescribeProducersRequestData;
import org.apache.kafka.common.message.DescribeProducersRequestData.TopicRequest;
import org.apache.kafka.common.message.DescribeProducersResponseData;
import org.apache.kafka.common.message.DescribeProducersResponseData.PartitionResponse;
import org.apache.kafka.common.message.DescribeProducersResponseData.ProducerState;
import org.apache.kafka.common.message.DescribeProducersResponseData.TopicResponse;
import org.apache.kafka.common.protocol.Errors;

/**
 * DescribeProducers: the committed producer state of each requested partition this broker owns
 * (producer id and epoch, last sequence and timestamp, first offset of the ongoing transaction);
 * UNKNOWN_TOPIC_OR_PARTITION for partitions that do not exist, NOT_LEADER_OR_FOLLOWER for those
 * owned elsewhere, as Kafka answers. The coordinator epoch is not tracked per producer (-1).
 * Thread-safe.
 */
public final class DescribeProducersHandler implements ApiHandler<DescribeProducersRequestData> {
  private final TopicManager topics;

  public DescribeProducersHandler(TopicManager topics) {
    this.topics = topics;
  }

  @Override
  public CompletableFuture<DescribeProducersResponseData> handle(
      RequestContext context, RequestFrame frame, DescribeProducersRequestData request) {
    DescribeProducersResponseData response = new DescribeProducersResponseData();
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    for (TopicRequest topicRequest : request.topics()) {
      TopicResponse topicResponse = new TopicResponse().setName(topicRequest.name());
      response.topics().add(topicResponse);
      Optional<TopicRecord> topic = topics.topic(topicRequest.name());
      for (int index : topicRequest.partitionIndexes()) {
        PartitionResponse partition = new PartitionResponse().setPartitionIndex(index);
        topicResponse.partitions().add(partition);
        if (topic.isEmpty() || index < 0 || index >= topic.get().partitionCount()) {
          partition.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
          continue;
        }
        Optional<PartitionLog> log = topics.log(topicRequest.name(), index);
        if (log.isEmpty()) {
          partition.setErrorCode(Errors.NOT_LEADER_OR_FOLLOWER.code());
          continue;
        }
        pending.add(
            log.get()
                .producerStates()
                .handle(
                    (states, e) -> {
                      if (e != null) {
                        partition
                            .setErrorCode(Errors.NOT_LEADER_OR_FOLLOWER.code())
                            .setErrorMessage(e.getMessage());
                      } else {
                        states.forEach(s -> partition.activeProducers().add(state(s)));
                      }
                      return null;
                    }));
      }
    }
    return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .thenApply(v -> response);
  }

  private static ProducerState state(ProducerSnapshot s) {
    List<ProducerSnapshot.BatchEntry> batches = s.lastBatches();
    ProducerSnapshot.BatchEntry last = batches.isEmpty() ? null : batches.getLast();
    return new ProducerState()
        .setProducerId(s.producerId())
        .setProducerEpoch(s.producerEpoch())
        .setLastSequence(last == null ? -1 : last.lastSequence())
        .setLastTimestamp(last == null ? -1 : last.timestamp())
        .setCoordinatorEpoch(-1)
        .setCurrentTxnStartOffset(s.currentTxnFirstOffset());
  }
}
