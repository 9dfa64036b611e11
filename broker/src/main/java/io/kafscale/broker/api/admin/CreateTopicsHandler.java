/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.admin;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.ErrorMapping;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.api.TopicIds;
import io.kafscale.broker.api.TopicNames;
import io.kafscale.broker.api.cluster.ConfigEntry;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.config.TopicConfigCatalogue;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableReplicaAssignment;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicConfigs;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.Errors;

/**
 * CreateTopics v2+: validates names like Kafka, partitions (-1: the broker default), replication
 * factor (-1 or 1: one broker, durability comes from the object store, so anything larger is
 * INVALID_REPLICATION_FACTOR), manual assignments (only this broker) and configs against {@link
 * TopicConfigCatalogue}; stores the configs; honours validate-only. From v5 the result carries
 * partition count, replication factor and configs, from v7 the topic id. Thread-safe.
 */
public final class CreateTopicsHandler implements ApiHandler<CreateTopicsRequestData> {
  private final TopicManager topics;
  private final int brokerId;
  private final int defaultPartitions;

  public CreateTopicsHandler(TopicManager topics, int brokerId, int defaultPartitions) {
    this.topics = topics;
    this.brokerId = brokerId;
    this.defaultPartitions = defaultPartitions;
  }

  /** A validation failure of one topic. */
  private record Rejection(Errors error, String message) {}

  @Override
  public CompletionStage<CreateTopicsResponseData> handle(
      RequestContext context, RequestFrame frame, CreateTopicsRequestData request) {
    short version = frame.apiVersion();
    Map<String, Integer> counts = new HashMap<>();
    request.topics().forEach(t -> counts.merge(t.name(), 1, Integer::sum));
    List<CompletableFuture<CreatableTopicResult>> results = new ArrayList<>();
    for (CreatableTopic topic : request.topics()) {
      if (counts.get(topic.name()) > 1) {
        results.add(
            CompletableFuture.completedFuture(
                fail(
                    topic.name(),
                    new Rejection(
                        Errors.INVALID_REQUEST,
                        "Create topics request from client contains duplicates"))));
      } else {
        results.add(create(topic, request.validateOnly(), version));
      }
    }
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              CreateTopicsResponseData response =
                  new CreateTopicsResponseData().setThrottleTimeMs(0);
              results.forEach(r -> response.topics().add(r.join()));
              return response;
            });
  }

  private CompletableFuture<CreatableTopicResult> create(
      CreatableTopic topic, boolean validateOnly, short version) {
    Optional<Rejection> rejection = validate(topic);
    if (rejection.isPresent()) {
      return CompletableFuture.completedFuture(fail(topic.name(), rejection.get()));
    }
    int partitions = partitionCount(topic);
    Map<String, String> configs = new LinkedHashMap<>();
    topic.configs().forEach(c -> configs.put(c.name(), c.value().trim()));
    if (validateOnly) {
      return CompletableFuture.completedFuture(
          success(topic.name(), null, partitions, configs, version));
    }
    return topics
        .create(topic.name(), partitions, configs)
        .thenApply(t -> success(t.name(), t, t.partitionCount(), t.configs(), version))
        .exceptionally(
            e -> fail(topic.name(), new Rejection(ErrorMapping.of(e), ErrorMapping.message(e))));
  }

  private Optional<Rejection> validate(CreatableTopic topic) {
    Optional<String> badName = TopicNames.invalidReason(topic.name());
    if (badName.isPresent()) {
      return Optional.of(new Rejection(Errors.INVALID_TOPIC_EXCEPTION, badName.get()));
    }
    if (topics.topic(topic.name()).isPresent()) {
      return Optional.of(
          new Rejection(
              Errors.TOPIC_ALREADY_EXISTS, "Topic '" + topic.name() + "' already exists."));
    }
    if (!topic.assignments().isEmpty()) {
      return validateAssignments(topic);
    }
    if (topic.numPartitions() == 0 || topic.numPartitions() < -1) {
      return Optional.of(
          new Rejection(
              Errors.INVALID_PARTITIONS,
              "Number of partitions must be larger than 0, or -1 for the default."));
    }
    if (topic.replicationFactor() != -1 && topic.replicationFactor() != 1) {
      return Optional.of(
          new Rejection(
              Errors.INVALID_REPLICATION_FACTOR,
              "Replication factor must be 1 or -1: this single-node broker stores data durably in the object store."));
    }
    for (CreatableTopicConfig config : topic.configs()) {
      Optional<String> bad = TopicConfigCatalogue.validate(config.name(), config.value());
      if (bad.isPresent()) {
        return Optional.of(new Rejection(Errors.INVALID_CONFIG, bad.get()));
      }
    }
    return Optional.empty();
  }

  private Optional<Rejection> validateAssignments(CreatableTopic topic) {
    if (topic.numPartitions() != -1 || topic.replicationFactor() != -1) {
      return Optional.of(
          new Rejection(
              Errors.INVALID_REQUEST,
              "Both numPartitions or replicationFactor and replicasAssignments were set."));
    }
    int expected = 0;
    for (CreatableReplicaAssignment a : topic.assignments()) {
      if (a.partitionIndex() != expected++ || !a.brokerIds().equals(List.of(brokerId))) {
        return Optional.of(
            new Rejection(
                Errors.INVALID_REPLICA_ASSIGNMENT,
                "Partitions must be numbered from 0 and assigned to broker "
                    + brokerId
                    + " only."));
      }
    }
    for (CreatableTopicConfig config : topic.configs()) {
      Optional<String> bad = TopicConfigCatalogue.validate(config.name(), config.value());
      if (bad.isPresent()) {
        return Optional.of(new Rejection(Errors.INVALID_CONFIG, bad.get()));
      }
    }
    return Optional.empty();
  }

  private int partitionCount(CreatableTopic topic) {
    if (!topic.assignments().isEmpty()) {
      return topic.assignments().size();
    }
    return topic.numPartitions() == -1 ? defaultPartitions : topic.numPartitions();
  }

  private static CreatableTopicResult success(
      String name,
      TopicRecord created,
      int partitions,
      Map<String, String> configs,
      short version) {
    CreatableTopicResult result =
        new CreatableTopicResult().setName(name).setErrorCode(Errors.NONE.code());
    if (created != null && version >= 7) {
      result.setTopicId(TopicIds.toKafka(created.topicId()));
    }
    if (version >= 5) {
      List<CreatableTopicConfigs> described = new ArrayList<>();
      for (ConfigEntry e : ConfigEntry.topic(configs)) {
        described.add(
            new CreatableTopicConfigs()
                .setName(e.name())
                .setValue(e.value())
                .setReadOnly(false)
                .setConfigSource(e.source())
                .setIsSensitive(false));
      }
      result.setNumPartitions(partitions).setReplicationFactor((short) 1).setConfigs(described);
    }
    return result;
  }

  private static CreatableTopicResult fail(String name, Rejection rejection) {
    return new CreatableTopicResult()
        .setName(name)
        .setErrorCode(rejection.error().code())
        .setErrorMessage(rejection.message());
  }
}
