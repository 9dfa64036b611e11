/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.auth;

import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclResourceType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTopic;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResult;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResult;
import org.apache.kafka.common.message.DescribeProducersRequestData;
import org.apache.kafka.common.message.DescribeProducersResponseData;
import org.apache.kafka.common.message.DescribeTransactionsRequestData;
import org.apache.kafka.common.message.DescribeTransactionsResponseData;
import org.apache.kafka.common.message.ListTransactionsResponseData;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * The guards of the transaction APIs, with Kafka's checks: AddPartitionsToTxn v0-3 (a client's)
 * WRITE on the transactional id and on each topic, v4+ (a broker's, batched) CLUSTER_ACTION on the
 * cluster; TxnOffsetCommit WRITE on the transactional id, READ on the group and READ on each topic;
 * DescribeTransactions DESCRIBE on each transactional id (and lists only describable topics);
 * ListTransactions lists only describable transactional ids; DescribeProducers READ on each topic.
 * Pure factories.
 */
final class TxnGuards {
  /** The first AddPartitionsToTxn version sent by brokers, batching transactions. */
  static final short FIRST_BROKER_VERSION = 4;

  private TxnGuards() {}

  private static boolean allowed(Access access, AclOperation op, AclResourceType type, String n) {
    return access.allowed(op, type, n);
  }

  /**
   * AddPartitionsToTxn. A client's request (v0-3) needs WRITE on its transactional id (else every
   * partition gets TRANSACTIONAL_ID_AUTHORIZATION_FAILED); when a topic is not writable the
   * transaction is not touched: its partitions get TOPIC_AUTHORIZATION_FAILED, those of unknown
   * topics UNKNOWN_TOPIC_OR_PARTITION and the rest OPERATION_NOT_ATTEMPTED. A broker's batched
   * request (v4+) that adds partitions needs CLUSTER_ACTION on the cluster (else the top-level
   * CLUSTER_AUTHORIZATION_FAILED); a verify-only batch (KIP-890 produce verification, sent by our
   * brokers without authenticating) needs CLUSTER_ACTION or to arrive on the dedicated inter-broker
   * listener ({@link Access#fromBroker()}; see docs/security.md).
   */
  static Guard addPartitionsToTxn(Predicate<String> topicExists) {
    return (access, frame, next) -> {
      AddPartitionsToTxnRequestData q = (AddPartitionsToTxnRequestData) frame.body();
      if (frame.apiVersion() >= FIRST_BROKER_VERSION) {
        boolean adds = q.transactions().stream().anyMatch(t -> !t.verifyOnly());
        boolean allowed = adds ? access.cluster(AclOperation.CLUSTER_ACTION) : access.fromBroker();
        return allowed
            ? access.forward(next, frame, q)
            : Access.deny(frame, Errors.CLUSTER_AUTHORIZATION_FAILED);
      }
      String txnId = q.v3AndBelowTransactionalId();
      if (!allowed(access, AclOperation.WRITE, AclResourceType.TRANSACTIONAL_ID, txnId)) {
        return Access.deny(frame, Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
      }
      Set<String> denied = new HashSet<>();
      for (AddPartitionsToTxnTopic t : q.v3AndBelowTopics()) {
        if (!allowed(access, AclOperation.WRITE, AclResourceType.TOPIC, t.name())) {
          denied.add(t.name());
        }
      }
      if (denied.isEmpty()) {
        return access.forward(next, frame, q);
      }
      return CompletableFuture.completedFuture(notAttempted(q, denied, topicExists));
    };
  }

  /**
   * WriteTxnMarkers, sent only by brokers: {@link Access#fromBroker()} (CLUSTER_ACTION on the
   * cluster, or the dedicated inter-broker listener), else CLUSTER_AUTHORIZATION_FAILED.
   */
  static Guard writeTxnMarkers() {
    return (access, frame, next) ->
        access.fromBroker()
            ? access.forward(next, frame, frame.body())
            : Access.deny(frame, Errors.CLUSTER_AUTHORIZATION_FAILED);
  }

  private static ApiMessage notAttempted(
      AddPartitionsToTxnRequestData q, Set<String> denied, Predicate<String> topicExists) {
    AddPartitionsToTxnResponseData response = new AddPartitionsToTxnResponseData();
    for (AddPartitionsToTxnTopic t : q.v3AndBelowTopics()) {
      Errors error =
          denied.contains(t.name())
              ? Errors.TOPIC_AUTHORIZATION_FAILED
              : topicExists.test(t.name())
                  ? Errors.OPERATION_NOT_ATTEMPTED
                  : Errors.UNKNOWN_TOPIC_OR_PARTITION;
      AddPartitionsToTxnTopicResult topic = new AddPartitionsToTxnTopicResult().setName(t.name());
      for (int p : t.partitions()) {
        topic
            .resultsByPartition()
            .add(
                new AddPartitionsToTxnPartitionResult()
                    .setPartitionIndex(p)
                    .setPartitionErrorCode(error.code()));
      }
      response.resultsByTopicV3AndBelow().add(topic);
    }
    return response;
  }

  /**
   * TxnOffsetCommit: WRITE on the transactional id, READ on the group (whole request), then READ on
   * each topic (its partitions get TOPIC_AUTHORIZATION_FAILED, the others are committed).
   */
  static Guard txnOffsetCommit(Function<Uuid, Optional<String>> names) {
    Function<TxnOffsetCommitRequestData.TxnOffsetCommitRequestTopic, String> nameOf =
        t -> TopicGuards.nameOr(t.name(), t.topicId(), names);
    SplitGuard<TxnOffsetCommitRequestData, TxnOffsetCommitResponseData> topics =
        new SplitGuard<TxnOffsetCommitRequestData, TxnOffsetCommitResponseData>(
                q -> q.topics().stream().map(nameOf).toList(),
                TopicGuards.topic(AclOperation.READ),
                (q, keep) -> {
                  TxnOffsetCommitRequestData copy = q.duplicate();
                  copy.setTopics(
                      new ArrayList<>(
                          q.topics().stream().filter(t -> keep.test(nameOf.apply(t))).toList()));
                  return copy;
                },
                (a, b) -> a.topics().addAll(b.topics()))
            .inRequestOrder(
                TxnOffsetCommitResponseData::topics,
                t -> TopicGuards.nameOr(t.name(), t.topicId(), names));
    return (access, frame, next) -> {
      TxnOffsetCommitRequestData q = (TxnOffsetCommitRequestData) frame.body();
      if (!allowed(
          access, AclOperation.WRITE, AclResourceType.TRANSACTIONAL_ID, q.transactionalId())) {
        return Access.deny(frame, Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
      }
      if (!allowed(access, AclOperation.READ, AclResourceType.GROUP, q.groupId())) {
        return Access.deny(frame, Errors.GROUP_AUTHORIZATION_FAILED);
      }
      return topics.handle(access, frame, next);
    };
  }

  /**
   * DescribeTransactions: an id the principal may not DESCRIBE gets
   * TRANSACTIONAL_ID_AUTHORIZATION_FAILED; the described ones list only the topics it may DESCRIBE.
   */
  static Guard describeTransactions() {
    SplitGuard<DescribeTransactionsRequestData, DescribeTransactionsResponseData> split =
        new SplitGuard<DescribeTransactionsRequestData, DescribeTransactionsResponseData>(
                DescribeTransactionsRequestData::transactionalIds,
                (access, id) ->
                    allowed(access, AclOperation.DESCRIBE, AclResourceType.TRANSACTIONAL_ID, id)
                        ? Errors.NONE
                        : Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
                (q, keep) ->
                    new DescribeTransactionsRequestData()
                        .setTransactionalIds(
                            new ArrayList<>(q.transactionalIds().stream().filter(keep).toList())),
                (a, b) -> a.transactionStates().addAll(b.transactionStates()))
            .inRequestOrder(
                DescribeTransactionsResponseData::transactionStates, s -> s.transactionalId());
    return (access, frame, next) ->
        split
            .handle(access, frame, next)
            .thenApply(
                r -> {
                  for (var state : ((DescribeTransactionsResponseData) r).transactionStates()) {
                    state
                        .topics()
                        .removeIf(
                            t ->
                                !allowed(
                                    access,
                                    AclOperation.DESCRIBE,
                                    AclResourceType.TOPIC,
                                    t.topic()));
                  }
                  return r;
                });
  }

  /** ListTransactions: only the transactional ids the principal may DESCRIBE are listed. */
  static Guard listTransactions() {
    return (access, frame, next) ->
        access
            .forward(next, frame, frame.body())
            .thenApply(
                r -> {
                  ((ListTransactionsResponseData) r)
                      .transactionStates()
                      .removeIf(
                          s ->
                              !allowed(
                                  access,
                                  AclOperation.DESCRIBE,
                                  AclResourceType.TRANSACTIONAL_ID,
                                  s.transactionalId()));
                  return r;
                });
  }

  /** DescribeProducers: a topic the principal may not READ gets TOPIC_AUTHORIZATION_FAILED. */
  static Guard describeProducers() {
    return new SplitGuard<DescribeProducersRequestData, DescribeProducersResponseData>(
            q -> q.topics().stream().map(t -> t.name()).toList(),
            TopicGuards.topic(AclOperation.READ),
            (q, keep) -> {
              DescribeProducersRequestData copy = q.duplicate();
              copy.topics().removeIf(t -> !keep.test(t.name()));
              return copy;
            },
            (a, b) -> a.topics().addAll(b.topics()),
            TxnGuards::producerErrors)
        .inRequestOrder(DescribeProducersResponseData::topics, t -> t.name());
  }

  /** Kafka answers each partition of a refused topic with the error and its message. */
  private static DescribeProducersResponseData producerErrors(
      DescribeProducersRequestData denied, Errors error) {
    DescribeProducersResponseData response = new DescribeProducersResponseData();
    for (DescribeProducersRequestData.TopicRequest t : denied.topics()) {
      List<DescribeProducersResponseData.PartitionResponse> partitions = new ArrayList<>();
      for (int p : t.partitionIndexes()) {
        partitions.add(
            new DescribeProducersResponseData.PartitionResponse()
                .setPartitionIndex(p)
                .setErrorCode(error.code())
                .setErrorMessage(error.message()));
      }
      response
          .topics()
          .add(
              new DescribeProducersResponseData.TopicResponse()
                  .setName(t.name())
                  .setPartitions(partitions));
    }
    return response;
  }
}
