/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.cluster;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.ErrorMapping;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.api.TopicIds;
import io.kafscale.broker.api.TopicNames;
import io.kafscale.broker.cluster.ClusterView;
import io.kafscale.broker.group.CoordinatorPartitions;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataRequestData.MetadataRequestTopic;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.Errors;

/**
 * Metadata v0+: the live brokers, the controller, the cluster id, and the requested topics (all for
 * a null list, or an empty one at v0) with their ids and each partition's live owner as leader at
 * the epoch of its claim (LEADER_NOT_AVAILABLE while a partition has none, e.g. mid hand-over).
 * Unknown names are auto-created when the broker allows it and the request does too ({@code
 * allow_auto_topic_creation}, v4+; older versions always ask for it); otherwise
 * UNKNOWN_TOPIC_OR_PARTITION, or UNKNOWN_TOPIC_ID for topics asked by id (v10+). Illegal names get
 * INVALID_TOPIC_EXCEPTION. Thread-safe.
 */
public final class MetadataHandler implements ApiHandler<MetadataRequestData> {
  private final ClusterView cluster;
  private final String clusterId;
  private final TopicManager topics;
  private final boolean autoCreateTopics;
  private final int autoCreatePartitions;

  public MetadataHandler(
      ClusterView cluster,
      String clusterId,
      TopicManager topics,
      boolean autoCreateTopics,
      int autoCreatePartitions) {
    this.cluster = cluster;
    this.clusterId = clusterId;
    this.topics = topics;
    this.autoCreateTopics = autoCreateTopics;
    this.autoCreatePartitions = autoCreatePartitions;
  }

  @Override
  public CompletionStage<MetadataResponseData> handle(
      RequestContext context, RequestFrame frame, MetadataRequestData request) {
    short version = frame.apiVersion();
    List<CompletableFuture<MetadataResponseTopic>> answers = new ArrayList<>();
    boolean all = request.topics() == null || (version == 0 && request.topics().isEmpty());
    if (all) {
      topics
          .image()
          .sorted()
          .forEach(t -> answers.add(CompletableFuture.completedFuture(describe(t, version))));
    } else {
      boolean mayCreate = autoCreateTopics && (version < 4 || request.allowAutoTopicCreation());
      for (MetadataRequestTopic requested : request.topics()) {
        answers.add(answer(requested, mayCreate, version));
      }
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              MetadataResponseData response = base(context.listenerName());
              for (CompletableFuture<MetadataResponseTopic> answer : answers) {
                MetadataResponseTopic topic = answer.join();
                if (topic.name() == null && version < 12) {
                  topic.setName(""); // names are nullable only from v12
                }
                response.topics().add(topic);
              }
              return response;
            });
  }

  private CompletableFuture<MetadataResponseTopic> answer(
      MetadataRequestTopic requested, boolean mayCreate, short version) {
    Uuid id = requested.topicId();
    if (requested.name() == null) {
      if (id == null || Uuid.ZERO_UUID.equals(id)) {
        return done(error(null, Uuid.ZERO_UUID, Errors.INVALID_REQUEST));
      }
      return done(
          topics
              .topic(TopicIds.fromKafka(id))
              .map(t -> describe(t, version))
              .orElseGet(() -> error(null, id, Errors.UNKNOWN_TOPIC_ID)));
    }
    String name = requested.name();
    Optional<TopicRecord> known = topics.topic(name);
    if (known.isPresent()) {
      return done(describe(known.get(), version));
    }
    if (TopicNames.invalidReason(name).isPresent()) {
      return done(error(name, Uuid.ZERO_UUID, Errors.INVALID_TOPIC_EXCEPTION));
    }
    if (!mayCreate) {
      return done(error(name, Uuid.ZERO_UUID, Errors.UNKNOWN_TOPIC_OR_PARTITION));
    }
    return topics
        .createIfAbsent(name, autoCreatePartitions)
        .thenApply(t -> describe(t, version))
        .exceptionally(e -> error(name, Uuid.ZERO_UUID, ErrorMapping.of(e)));
  }

  private MetadataResponseData base(String listenerName) {
    MetadataResponseData response =
        new MetadataResponseData()
            .setThrottleTimeMs(0)
            .setClusterId(clusterId)
            .setControllerId(cluster.controllerId());
    for (BrokerRecord b : cluster.brokers()) {
      // The address of the listener this client connected to (KAFSCALE_ADVERTISED_LISTENERS).
      var endpoint = b.endpoint(listenerName);
      response
          .brokers()
          .add(
              new MetadataResponseBroker()
                  .setNodeId(b.brokerId())
                  .setHost(endpoint.host())
                  .setPort(endpoint.port())
                  .setRack(b.rack().orElse(null)));
    }
    return response;
  }

  private MetadataResponseTopic describe(TopicRecord topic, short version) {
    MetadataResponseTopic answer =
        new MetadataResponseTopic()
            .setErrorCode(Errors.NONE.code())
            .setName(topic.name())
            .setTopicId(TopicIds.toKafka(topic.topicId()))
            .setIsInternal(
                CoordinatorPartitions.TOPIC.equals(topic.name())
                    || io.kafscale.broker.txn.TransactionPartitions.TOPIC.equals(topic.name()));
    for (int p = 0; p < topic.partitionCount(); p++) {
      answer.partitions().add(partition(topic.name(), p));
    }
    return answer;
  }

  /** The live owner leads; without one the partition is LEADER_NOT_AVAILABLE (clients retry). */
  private MetadataResponsePartition partition(String topic, int p) {
    Optional<ClusterView.Leader> leader = cluster.leader(topic, p);
    MetadataResponsePartition partition =
        new MetadataResponsePartition().setPartitionIndex(p).setOfflineReplicas(List.of());
    if (leader.isPresent()) {
      int id = leader.get().broker().brokerId();
      return partition
          .setErrorCode(Errors.NONE.code())
          .setLeaderId(id)
          .setLeaderEpoch(leader.get().epoch())
          .setReplicaNodes(List.of(id))
          .setIsrNodes(List.of(id));
    }
    int target = cluster.image().target(topic, p);
    return partition
        .setErrorCode(Errors.LEADER_NOT_AVAILABLE.code())
        .setLeaderId(-1)
        .setLeaderEpoch(-1)
        .setReplicaNodes(target < 0 ? List.of() : List.of(target))
        .setIsrNodes(List.of());
  }

  private static MetadataResponseTopic error(String name, Uuid id, Errors error) {
    return new MetadataResponseTopic()
        .setName(name)
        .setTopicId(id)
        .setErrorCode(error.code())
        .setIsInternal(
            CoordinatorPartitions.TOPIC.equals(name)
                || io.kafscale.broker.txn.TransactionPartitions.TOPIC.equals(name));
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
