/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import io.kafscale.broker.interbroker.InterBrokerClient;
import io.kafscale.metadata.cluster.ClusterImage;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.model.OwnerRecord;
import io.kafscale.metadata.model.PartitionRef;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTopic;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTopicCollection;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTransaction;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTransactionCollection;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData.AddPartitionsToTxnResult;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * The {@link TransactionVerifier} of a cluster: finds the id's coordinator as the live owner of its
 * {@value TransactionPartitions#TOPIC} partition in the current cluster image, asks the local
 * {@link TransactionCoordinator} when that is this broker and otherwise sends the broker form of
 * AddPartitionsToTxn (v4+, verifyOnly) over the {@link InterBrokerClient}, as Kafka's
 * AddPartitionsToTxnManager does. Keeps no state. Thread-safe.
 */
public final class CoordinatorTransactionVerifier implements TransactionVerifier {
  private static final short FIRST_BATCHED_VERSION = 4;

  private final int selfId;
  private final Supplier<ClusterImage> images;
  private final TransactionCoordinator local;
  private final InterBrokerClient client;
  private final Clock clock;

  public CoordinatorTransactionVerifier(
      int selfId,
      Supplier<ClusterImage> images,
      TransactionCoordinator local,
      InterBrokerClient client,
      Clock clock) {
    this.selfId = selfId;
    this.images = images;
    this.local = local;
    this.client = client;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<Errors> verify(
      String transactionalId, long producerId, short producerEpoch, PartitionRef partition) {
    ClusterImage image = images.get();
    Optional<BrokerRecord> coordinator =
        image
            .owner(TransactionPartitions.TOPIC, local.partitionFor(transactionalId))
            .map(OwnerRecord::brokerId)
            .flatMap(image::broker);
    if (coordinator.isEmpty()) {
      return CompletableFuture.completedFuture(Errors.COORDINATOR_NOT_AVAILABLE);
    }
    CompletableFuture<Errors> answer;
    try {
      answer =
          coordinator.get().brokerId() == selfId
              ? verifyLocally(transactionalId, producerId, producerEpoch, partition)
              : verifyRemotely(
                  coordinator.get(), transactionalId, producerId, producerEpoch, partition);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    // Transport failures (connection lost, timeout) are Kafka's NETWORK_EXCEPTION of the call.
    return answer.exceptionally(e -> Errors.NETWORK_EXCEPTION);
  }

  private CompletableFuture<Errors> verifyLocally(
      String transactionalId, long producerId, short producerEpoch, PartitionRef partition) {
    TreeSet<PartitionRef> partitions = new TreeSet<>(List.of(partition));
    return local
        .handle(
            new TxnEvent.AddPartitions(
                transactionalId, producerId, producerEpoch, partitions, true, clock.millis()))
        .thenApply(
            reply ->
                ((TxnReply.AddPartitions) reply)
                    .errors()
                    .getOrDefault(partition, Errors.UNKNOWN_SERVER_ERROR));
  }

  private CompletableFuture<Errors> verifyRemotely(
      BrokerRecord coordinator,
      String transactionalId,
      long producerId,
      short producerEpoch,
      PartitionRef partition) {
    AddPartitionsToTxnTopicCollection topics = new AddPartitionsToTxnTopicCollection();
    topics.add(
        new AddPartitionsToTxnTopic()
            .setName(partition.topic())
            .setPartitions(List.of(partition.partition())));
    AddPartitionsToTxnTransactionCollection transactions =
        new AddPartitionsToTxnTransactionCollection();
    transactions.add(
        new AddPartitionsToTxnTransaction()
            .setTransactionalId(transactionalId)
            .setProducerId(producerId)
            .setProducerEpoch(producerEpoch)
            .setVerifyOnly(true)
            .setTopics(topics));
    short version =
        (short)
            Math.max(
                FIRST_BATCHED_VERSION, InterBrokerClient.versionOf(ApiKeys.ADD_PARTITIONS_TO_TXN));
    return client
        .send(
            coordinator,
            ApiKeys.ADD_PARTITIONS_TO_TXN,
            version,
            new AddPartitionsToTxnRequestData().setTransactions(transactions))
        .thenApply(r -> answerFor((AddPartitionsToTxnResponseData) r, transactionalId, partition));
  }

  /** The partition's answer in a broker-form response (a top-level error applies to all). */
  static Errors answerFor(
      AddPartitionsToTxnResponseData response, String transactionalId, PartitionRef partition) {
    if (response.errorCode() != Errors.NONE.code()) {
      return Errors.forCode(response.errorCode());
    }
    AddPartitionsToTxnResult result = response.resultsByTransaction().find(transactionalId);
    if (result == null) {
      return Errors.UNKNOWN_SERVER_ERROR;
    }
    AddPartitionsToTxnTopicResult topic = result.topicResults().find(partition.topic());
    if (topic == null) {
      // Kafka's coordinator lists only the partitions that failed verification.
      return Errors.NONE;
    }
    var p = topic.resultsByPartition().find(partition.partition());
    return p == null ? Errors.NONE : Errors.forCode(p.partitionErrorCode());
  }
}
