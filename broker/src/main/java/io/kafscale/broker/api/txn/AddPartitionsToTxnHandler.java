/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.txn;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.txn.TransactionCoordinator;
import io.kafscale.broker.txn.TxnEvent;
import io.kafscale.broker.txn.TxnReply;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.protocol.frame.RequestFrame;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTopic;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTopicCollection;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTransaction;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResult;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData.AddPartitionsToTxnResult;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResult;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResultCollection;
import org.apache.kafka.common.protocol.Errors;

/**
 * AddPartitionsToTxn: v0-3 carry one transaction from the client (top-level id, producer and
 * topics; the answer is per partition at the top level); v4+ carry a batch of transactions, the
 * broker form partition owners use (with {@code verifyOnly}, KIP-890), each answered on its own.
 * Every transaction goes to the {@link TransactionCoordinator}, which answers NOT_COORDINATOR for
 * ids it does not coordinate. Thread-safe.
 */
public final class AddPartitionsToTxnHandler implements ApiHandler<AddPartitionsToTxnRequestData> {
  private static final short FIRST_BATCHED_VERSION = 4;

  private final TransactionCoordinator coordinator;
  private final Clock clock;

  public AddPartitionsToTxnHandler(TransactionCoordinator coordinator, Clock clock) {
    this.coordinator = coordinator;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<AddPartitionsToTxnResponseData> handle(
      RequestContext context, RequestFrame frame, AddPartitionsToTxnRequestData request) {
    if (frame.apiVersion() < FIRST_BATCHED_VERSION) {
      return add(
              request.v3AndBelowTransactionalId(),
              request.v3AndBelowProducerId(),
              request.v3AndBelowProducerEpoch(),
              request.v3AndBelowTopics(),
              false)
          .thenApply(
              errors ->
                  new AddPartitionsToTxnResponseData()
                      .setThrottleTimeMs(0)
                      .setResultsByTopicV3AndBelow(topicResults(errors)));
    }
    List<CompletableFuture<AddPartitionsToTxnResult>> results = new ArrayList<>();
    for (AddPartitionsToTxnTransaction txn : request.transactions()) {
      results.add(
          add(
                  txn.transactionalId(),
                  txn.producerId(),
                  txn.producerEpoch(),
                  txn.topics(),
                  txn.verifyOnly())
              .thenApply(
                  errors ->
                      new AddPartitionsToTxnResult()
                          .setTransactionalId(txn.transactionalId())
                          .setTopicResults(topicResults(errors))));
    }
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              AddPartitionsToTxnResponseData response =
                  new AddPartitionsToTxnResponseData()
                      .setThrottleTimeMs(0)
                      .setErrorCode(Errors.NONE.code());
              results.forEach(r -> response.resultsByTransaction().add(r.join()));
              return response;
            });
  }

  private CompletableFuture<Map<PartitionRef, Errors>> add(
      String transactionalId,
      long producerId,
      short producerEpoch,
      AddPartitionsToTxnTopicCollection topics,
      boolean verifyOnly) {
    TreeSet<PartitionRef> partitions = new TreeSet<>();
    for (AddPartitionsToTxnTopic topic : topics) {
      topic.partitions().forEach(p -> partitions.add(new PartitionRef(topic.name(), p)));
    }
    if (partitions.isEmpty()) {
      return CompletableFuture.completedFuture(Map.of());
    }
    return coordinator
        .handle(
            new TxnEvent.AddPartitions(
                transactionalId, producerId, producerEpoch, partitions, verifyOnly, clock.millis()))
        .thenApply(reply -> (Map<PartitionRef, Errors>) ((TxnReply.AddPartitions) reply).errors());
  }

  private static AddPartitionsToTxnTopicResultCollection topicResults(
      Map<PartitionRef, Errors> errors) {
    Map<String, AddPartitionsToTxnTopicResult> byTopic = new TreeMap<>();
    errors.forEach(
        (ref, error) ->
            byTopic
                .computeIfAbsent(ref.topic(), t -> new AddPartitionsToTxnTopicResult().setName(t))
                .resultsByPartition()
                .add(
                    new AddPartitionsToTxnPartitionResult()
                        .setPartitionIndex(ref.partition())
                        .setPartitionErrorCode(error.code())));
    AddPartitionsToTxnTopicResultCollection out = new AddPartitionsToTxnTopicResultCollection();
    byTopic.values().forEach(out::add);
    return out;
  }
}
