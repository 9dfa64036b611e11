/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.admin;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.ErrorMapping;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsAssignment;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreatePartitionsResponseData.CreatePartitionsTopicResult;
import org.apache.kafka.common.protocol.Errors;

/**
 * CreatePartitions v0+: raises a topic's partition count and opens (claims) the new partitions; a
 * count not larger than the current one is INVALID_PARTITIONS; manual assignments may name only
 * this broker; validate-only checks without changing anything. Thread-safe.
 */
public final class CreatePartitionsHandler implements ApiHandler<CreatePartitionsRequestData> {
  private final TopicManager topics;
  private final int brokerId;

  public CreatePartitionsHandler(TopicManager topics, int brokerId) {
    this.topics = topics;
    this.brokerId = brokerId;
  }

  @Override
  public CompletionStage<CreatePartitionsResponseData> handle(
      RequestContext context, RequestFrame frame, CreatePartitionsRequestData request) {
    Map<String, Integer> counts = new HashMap<>();
    request.topics().forEach(t -> counts.merge(t.name(), 1, Integer::sum));
    List<CompletableFuture<CreatePartitionsTopicResult>> results = new ArrayList<>();
    for (CreatePartitionsTopic topic : request.topics()) {
      results.add(
          counts.get(topic.name()) > 1
              ? done(fail(topic.name(), Errors.INVALID_REQUEST, "Duplicate topic in request"))
              : grow(topic, request.validateOnly()));
    }
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              CreatePartitionsResponseData response =
                  new CreatePartitionsResponseData().setThrottleTimeMs(0);
              results.forEach(r -> response.results().add(r.join()));
              return response;
            });
  }

  private CompletableFuture<CreatePartitionsTopicResult> grow(
      CreatePartitionsTopic request, boolean validateOnly) {
    Optional<TopicRecord> topic = topics.topic(request.name());
    if (topic.isEmpty()) {
      return done(
          fail(
              request.name(),
              Errors.UNKNOWN_TOPIC_OR_PARTITION,
              "The topic '" + request.name() + "' does not exist."));
    }
    int current = topic.get().partitionCount();
    if (request.count() <= current) {
      return done(
          fail(
              request.name(),
              Errors.INVALID_PARTITIONS,
              "Topic currently has "
                  + current
                  + " partitions, which is higher than or equal to the requested "
                  + request.count()
                  + "."));
    }
    if (request.assignments() != null && !request.assignments().isEmpty()) {
      if (request.assignments().size() != request.count() - current) {
        return done(
            fail(
                request.name(),
                Errors.INVALID_REPLICA_ASSIGNMENT,
                "Assignments must cover exactly the new partitions."));
      }
      for (CreatePartitionsAssignment a : request.assignments()) {
        if (!a.brokerIds().equals(List.of(brokerId))) {
          return done(
              fail(
                  request.name(),
                  Errors.INVALID_REPLICA_ASSIGNMENT,
                  "Partitions can be assigned to broker " + brokerId + " only."));
        }
      }
    }
    if (validateOnly) {
      return done(
          new CreatePartitionsTopicResult()
              .setName(request.name())
              .setErrorCode(Errors.NONE.code()));
    }
    return topics
        .addPartitions(request.name(), request.count())
        .thenApply(
            t ->
                new CreatePartitionsTopicResult()
                    .setName(request.name())
                    .setErrorCode(Errors.NONE.code()))
        .exceptionally(e -> fail(request.name(), errorOf(e), ErrorMapping.message(e)));
  }

  private static Errors errorOf(Throwable e) {
    // The registry refuses a count that is not larger (raced with another change) this way.
    return ErrorMapping.unwrap(e) instanceof IllegalArgumentException
        ? Errors.INVALID_PARTITIONS
        : ErrorMapping.of(e);
  }

  private static CreatePartitionsTopicResult fail(String name, Errors error, String message) {
    return new CreatePartitionsTopicResult()
        .setName(name)
        .setErrorCode(error.code())
        .setErrorMessage(message);
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
