/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.admin;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.ErrorMapping;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.api.TopicIds;
import io.kafscale.broker.group.CoordinatorPartitions;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.protocol.Errors;

/**
 * DeleteTopics v1+: by name (all versions) or by topic id (v6+). Each topic's logs are closed, its
 * metadata deleted, then its segment and index objects. Unknown names get
 * UNKNOWN_TOPIC_OR_PARTITION, unknown ids UNKNOWN_TOPIC_ID. Thread-safe.
 */
public final class DeleteTopicsHandler implements ApiHandler<DeleteTopicsRequestData> {
  private final TopicManager topics;

  public DeleteTopicsHandler(TopicManager topics) {
    this.topics = topics;
  }

  @Override
  public CompletionStage<DeleteTopicsResponseData> handle(
      RequestContext context, RequestFrame frame, DeleteTopicsRequestData request) {
    short version = frame.apiVersion();
    List<CompletableFuture<DeletableTopicResult>> results = new ArrayList<>();
    if (version >= 6) {
      for (DeleteTopicState state : request.topics()) {
        results.add(delete(state.name(), state.topicId(), version));
      }
    } else {
      for (String name : request.topicNames()) {
        results.add(delete(name, Uuid.ZERO_UUID, version));
      }
    }
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              DeleteTopicsResponseData response =
                  new DeleteTopicsResponseData().setThrottleTimeMs(0);
              results.forEach(r -> response.responses().add(r.join()));
              return response;
            });
  }

  private CompletableFuture<DeletableTopicResult> delete(String name, Uuid id, short version) {
    boolean byId = name == null;
    if (byId && (id == null || Uuid.ZERO_UUID.equals(id))) {
      return done(
          result(null, Uuid.ZERO_UUID, version)
              .setErrorCode(Errors.INVALID_REQUEST.code())
              .setErrorMessage("Neither topic name nor id given"));
    }
    Optional<TopicRecord> topic = byId ? topics.topic(TopicIds.fromKafka(id)) : topics.topic(name);
    if (topic.isEmpty()) {
      Errors error = byId ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
      return done(
          result(name, id, version).setErrorCode(error.code()).setErrorMessage(error.message()));
    }
    TopicRecord t = topic.get();
    Uuid topicId = TopicIds.toKafka(t.topicId());
    if (CoordinatorPartitions.TOPIC.equals(t.name())
        || io.kafscale.broker.txn.TransactionPartitions.TOPIC.equals(t.name())) {
      // Apache Kafka's brokers leave this to authorization (KafkaApis answers
      // TOPIC_AUTHORIZATION_FAILED for topics the caller may not delete) and its TopicCommand
      // refuses internal topics client-side; without ACLs we refuse it here with the same
      // non-retriable error, because deleting it would drop every group's coordinator.
      return done(
          result(t.name(), topicId, version)
              .setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code())
              .setErrorMessage("Internal topic " + t.name() + " cannot be deleted"));
    }
    return topics
        .delete(t.name())
        .thenApply(d -> result(t.name(), topicId, version).setErrorCode(Errors.NONE.code()))
        .exceptionally(
            e ->
                result(t.name(), topicId, version)
                    .setErrorCode(ErrorMapping.of(e).code())
                    .setErrorMessage(ErrorMapping.message(e)));
  }

  private static DeletableTopicResult result(String name, Uuid id, short version) {
    DeletableTopicResult result =
        new DeletableTopicResult().setName(name == null && version < 6 ? "" : name);
    if (version >= 6) {
      result.setTopicId(id == null ? Uuid.ZERO_UUID : id);
    }
    return result;
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
