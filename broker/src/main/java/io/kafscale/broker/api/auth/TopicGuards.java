/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.auth;

import io.kafscale.broker.api.CloseConnectionException;
import io.kafscale.broker.api.RequestHandler;
import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclResourceType;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * The per-topic guards of the data and topic admin APIs, with Kafka's operations: Produce WRITE,
 * Fetch READ, ListOffsets and OffsetForLeaderEpoch DESCRIBE, CreateTopics CREATE (on the cluster or
 * the topic), DeleteTopics and DeleteRecords DELETE, CreatePartitions ALTER. A denied topic gets
 * TOPIC_AUTHORIZATION_FAILED in its own results; a refused Produce with acks=0 closes the
 * connection ({@link CloseConnectionException}). Pure factories.
 */
final class TopicGuards {
  private TopicGuards() {}

  static BiFunction<Access, String, Errors> topic(AclOperation op) {
    return (access, name) ->
        access.allowed(op, AclResourceType.TOPIC, name)
            ? Errors.NONE
            : Errors.TOPIC_AUTHORIZATION_FAILED;
  }

  static Guard produce(Function<Uuid, Optional<String>> names) {
    Function<ProduceRequestData.TopicProduceData, String> nameOf =
        t ->
            t.name() != null && !t.name().isEmpty()
                ? t.name()
                : names.apply(t.topicId()).orElse(null);
    SplitGuard<ProduceRequestData, ProduceResponseData> split =
        new SplitGuard<ProduceRequestData, ProduceResponseData>(
                q -> q.topicData().stream().map(nameOf).toList(),
                topic(AclOperation.WRITE),
                (q, keep) -> keeping(q, nameOf, keep),
                (a, b) -> b.responses().forEach(r -> a.responses().add(r.duplicate())))
            .inRequestOrder(
                ProduceResponseData::responses, r -> nameOr(r.name(), r.topicId(), names));
    return (access, frame, next) -> {
      ProduceRequestData request = (ProduceRequestData) frame.body();
      String txnId = request.transactionalId();
      if (txnId != null
          && !access.allowed(AclOperation.WRITE, AclResourceType.TRANSACTIONAL_ID, txnId)) {
        return request.acks() == 0
            ? CompletableFuture.failedFuture(
                new CloseConnectionException("produce_acks0_transactional_id_unauthorized"))
            : Access.deny(frame, Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
      }
      if (request.acks() == 0) {
        return produceWithoutAcks(access, frame, next, request, nameOf);
      }
      return split.handle(access, frame, next);
    };
  }

  /**
   * acks=0: there is no response to carry per-topic errors, so, as Kafka does, the writable topics
   * are written and then, when any topic was refused, the connection is closed (the client sees the
   * disconnect instead of believing its records were accepted).
   */
  private static CompletionStage<ApiMessage> produceWithoutAcks(
      Access access,
      RequestFrame frame,
      RequestHandler next,
      ProduceRequestData request,
      Function<ProduceRequestData.TopicProduceData, String> nameOf) {
    ProduceRequestData writable =
        keeping(
            request,
            nameOf,
            name ->
                name == null || access.allowed(AclOperation.WRITE, AclResourceType.TOPIC, name));
    if (writable.topicData().size() == request.topicData().size()) {
      return access.forward(next, frame, request);
    }
    CompletionStage<ApiMessage> written =
        writable.topicData().isEmpty()
            ? CompletableFuture.completedFuture(null)
            : access.forward(next, frame, writable);
    return written.thenCompose(
        ignored ->
            CompletableFuture.failedFuture(
                new CloseConnectionException("produce_acks0_topic_unauthorized")));
  }

  /**
   * A copy of {@code q} with the topics whose name {@code keep} accepts; rebuilt rather than
   * duplicated so the partition data (records) stay shared views of the frame.
   */
  private static ProduceRequestData keeping(
      ProduceRequestData q,
      Function<ProduceRequestData.TopicProduceData, String> nameOf,
      Predicate<String> keep) {
    ProduceRequestData copy =
        new ProduceRequestData()
            .setAcks(q.acks())
            .setTimeoutMs(q.timeoutMs())
            .setTransactionalId(q.transactionalId());
    for (ProduceRequestData.TopicProduceData t : q.topicData()) {
      if (keep.test(nameOf.apply(t))) {
        copy.topicData()
            .add(
                new ProduceRequestData.TopicProduceData()
                    .setName(t.name())
                    .setTopicId(t.topicId())
                    .setPartitionData(t.partitionData()));
      }
    }
    return copy;
  }

  static Guard fetch(Function<Uuid, Optional<String>> names) {
    Function<FetchRequestData.FetchTopic, String> nameOf =
        t ->
            t.topic() != null && !t.topic().isEmpty()
                ? t.topic()
                : names.apply(t.topicId()).orElse(null);
    return new SplitGuard<FetchRequestData, FetchResponseData>(
            q -> q.topics().stream().map(nameOf).toList(),
            topic(AclOperation.READ),
            (q, keep) -> {
              FetchRequestData copy = q.duplicate();
              copy.setTopics(
                  new ArrayList<>(
                      q.topics().stream().filter(t -> keep.test(nameOf.apply(t))).toList()));
              return copy;
            },
            (a, b) -> a.responses().addAll(b.responses()),
            TopicGuards::fetchErrors)
        .inRequestOrder(FetchResponseData::responses, r -> nameOr(r.topic(), r.topicId(), names));
  }

  /**
   * Per-partition errors: from v13 Kafka's generic Fetch error response carries only a top-level
   * error, which clients retry instead of raising TopicAuthorizationException.
   */
  private static FetchResponseData fetchErrors(FetchRequestData denied, Errors error) {
    FetchResponseData response = new FetchResponseData();
    for (FetchRequestData.FetchTopic t : denied.topics()) {
      FetchResponseData.FetchableTopicResponse topic =
          new FetchResponseData.FetchableTopicResponse()
              .setTopic(t.topic())
              .setTopicId(t.topicId());
      for (FetchRequestData.FetchPartition p : t.partitions()) {
        topic
            .partitions()
            .add(
                new FetchResponseData.PartitionData()
                    .setPartitionIndex(p.partition())
                    .setErrorCode(error.code())
                    .setHighWatermark(-1)
                    .setLastStableOffset(-1)
                    .setLogStartOffset(-1)
                    .setRecords(org.apache.kafka.common.record.internal.MemoryRecords.EMPTY));
      }
      response.responses().add(topic);
    }
    return response;
  }

  static Guard listOffsets() {
    return new SplitGuard<ListOffsetsRequestData, ListOffsetsResponseData>(
            q -> q.topics().stream().map(ListOffsetsRequestData.ListOffsetsTopic::name).toList(),
            topic(AclOperation.DESCRIBE),
            (q, keep) -> {
              ListOffsetsRequestData copy = q.duplicate();
              copy.topics().removeIf(t -> !keep.test(t.name()));
              return copy;
            },
            (a, b) -> a.topics().addAll(b.topics()))
        .inRequestOrder(ListOffsetsResponseData::topics, t -> t.name());
  }

  static Guard offsetForLeaderEpoch() {
    return new SplitGuard<OffsetForLeaderEpochRequestData, OffsetForLeaderEpochResponseData>(
            q -> q.topics().stream().map(t -> t.topic()).toList(),
            topic(AclOperation.DESCRIBE),
            (q, keep) -> {
              OffsetForLeaderEpochRequestData copy = q.duplicate();
              copy.topics().removeIf(t -> !keep.test(t.topic()));
              return copy;
            },
            (a, b) -> b.topics().forEach(t -> a.topics().add(t.duplicate())))
        .inRequestOrder(OffsetForLeaderEpochResponseData::topics, t -> t.topic());
  }

  static Guard createTopics() {
    return new SplitGuard<CreateTopicsRequestData, CreateTopicsResponseData>(
            q -> q.topics().stream().map(t -> t.name()).toList(),
            (access, name) ->
                access.cluster(AclOperation.CREATE)
                        || access.allowed(AclOperation.CREATE, AclResourceType.TOPIC, name)
                    ? Errors.NONE
                    : Errors.TOPIC_AUTHORIZATION_FAILED,
            (q, keep) -> {
              CreateTopicsRequestData copy = q.duplicate();
              copy.topics().removeIf(t -> !keep.test(t.name()));
              return copy;
            },
            (a, b) -> b.topics().forEach(t -> a.topics().add(t.duplicate())))
        .inRequestOrder(CreateTopicsResponseData::topics, t -> t.name());
  }

  static Guard deleteTopics(Function<Uuid, Optional<String>> names) {
    Function<DeleteTopicsRequestData.DeleteTopicState, String> nameOf =
        t -> t.name() != null ? t.name() : names.apply(t.topicId()).orElse(null);
    return new SplitGuard<DeleteTopicsRequestData, DeleteTopicsResponseData>(
            q -> {
              List<String> all = new ArrayList<>(q.topicNames());
              q.topics().forEach(t -> all.add(nameOf.apply(t)));
              return all;
            },
            topic(AclOperation.DELETE),
            (q, keep) -> {
              DeleteTopicsRequestData copy = q.duplicate();
              copy.topicNames().removeIf(n -> !keep.test(n));
              copy.topics().removeIf(t -> !keep.test(nameOf.apply(t)));
              return copy;
            },
            (a, b) -> b.responses().forEach(r -> a.responses().add(r.duplicate())))
        .inRequestOrder(
            DeleteTopicsResponseData::responses, r -> nameOr(r.name(), r.topicId(), names));
  }

  static Guard createPartitions() {
    return new SplitGuard<CreatePartitionsRequestData, CreatePartitionsResponseData>(
            q -> q.topics().stream().map(t -> t.name()).toList(),
            topic(AclOperation.ALTER),
            (q, keep) -> {
              CreatePartitionsRequestData copy = q.duplicate();
              copy.topics().removeIf(t -> !keep.test(t.name()));
              return copy;
            },
            (a, b) -> a.results().addAll(b.results()))
        .inRequestOrder(CreatePartitionsResponseData::results, r -> r.name());
  }

  static Guard deleteRecords() {
    return new SplitGuard<DeleteRecordsRequestData, DeleteRecordsResponseData>(
            q -> q.topics().stream().map(t -> t.name()).toList(),
            topic(AclOperation.DELETE),
            (q, keep) -> {
              DeleteRecordsRequestData copy = q.duplicate();
              copy.topics().removeIf(t -> !keep.test(t.name()));
              return copy;
            },
            (a, b) -> b.topics().forEach(t -> a.topics().add(t.duplicate())))
        .inRequestOrder(DeleteRecordsResponseData::topics, t -> t.name());
  }

  /** A result's topic name, resolved from its id when the version names topics by id. */
  static String nameOr(String name, Uuid id, Function<Uuid, Optional<String>> names) {
    if (name != null && !name.isEmpty()) {
      return name;
    }
    return id == null ? null : names.apply(id).orElse(null);
  }
}
