/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api;

import io.kafscale.broker.api.admin.CreatePartitionsHandler;
import io.kafscale.broker.api.admin.CreateTopicsHandler;
import io.kafscale.broker.api.admin.DeleteTopicsHandler;
import io.kafscale.broker.api.cluster.ApiVersionsHandler;
import io.kafscale.broker.api.cluster.BrokerEndpoint;
import io.kafscale.broker.api.cluster.ConfigEntry;
import io.kafscale.broker.api.cluster.DescribeClusterHandler;
import io.kafscale.broker.api.cluster.DescribeConfigsHandler;
import io.kafscale.broker.api.cluster.FindCoordinatorHandler;
import io.kafscale.broker.api.cluster.MetadataHandler;
import io.kafscale.broker.api.fetch.FetchHandler;
import io.kafscale.broker.api.fetch.ListOffsetsHandler;
import io.kafscale.broker.api.fetch.OffsetForLeaderEpochHandler;
import io.kafscale.broker.api.produce.InitProducerIdHandler;
import io.kafscale.broker.api.produce.ProduceHandler;
import io.kafscale.broker.cluster.ClusterView;
import io.kafscale.broker.partition.ExecutorScheduler;
import io.kafscale.broker.partition.Scheduler;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.Metadata;
import io.kafscale.protocol.frame.RequestFrame;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka APIs of a broker: wires one handler per API into an {@link ApiDispatcher} over the
 * topics and cluster view of this broker's {@code ClusterNode}, and owns the timer thread for long
 * polls and produce timeouts. Thread-safe; {@link #handle} never blocks.
 */
public final class KafkaApis implements RequestHandler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaApis.class);

  private final TopicManager topics;
  private final ApiDispatcher dispatcher;
  private final AutoCloseable ownedScheduler;

  public KafkaApis(
      ApiSettings settings,
      Metadata metadata,
      TopicManager topics,
      ClusterView cluster,
      MeterRegistry meters,
      Clock clock) {
    this(
        settings,
        metadata,
        topics,
        cluster,
        meters,
        clock,
        new ExecutorScheduler("kafscale-api-timer"),
        true);
  }

  /** With a caller-owned scheduler (tests drive time with it). */
  public KafkaApis(
      ApiSettings settings,
      Metadata metadata,
      TopicManager topics,
      ClusterView cluster,
      MeterRegistry meters,
      Clock clock,
      Scheduler scheduler) {
    this(settings, metadata, topics, cluster, meters, clock, scheduler, false);
  }

  private KafkaApis(
      ApiSettings settings,
      Metadata metadata,
      TopicManager topics,
      ClusterView cluster,
      MeterRegistry meters,
      Clock clock,
      Scheduler scheduler,
      boolean ownsScheduler) {
    this.topics = topics;
    this.ownedScheduler = ownsScheduler && scheduler instanceof AutoCloseable c ? c : null;
    ApiMeters apiMeters = new ApiMeters(meters);
    BrokerEndpoint self = BrokerEndpoint.of(settings);
    String clusterId = metadata.clusterId();
    List<ConfigEntry> brokerConfigs =
        ConfigEntry.broker(
            self,
            settings.autoCreateTopics(),
            settings.autoCreatePartitions(),
            settings.defaultReplicationFactor(),
            settings.namespace());
    this.dispatcher =
        new ApiDispatcher()
            .register(ApiKeys.API_VERSIONS, ApiVersionsRequestData.class, new ApiVersionsHandler())
            .register(
                ApiKeys.METADATA,
                MetadataRequestData.class,
                new MetadataHandler(
                    cluster,
                    clusterId,
                    topics,
                    settings.autoCreateTopics(),
                    settings.autoCreatePartitions()))
            .register(
                ApiKeys.PRODUCE,
                ProduceRequestData.class,
                new ProduceHandler(topics, cluster, apiMeters, scheduler))
            .register(
                ApiKeys.FETCH,
                FetchRequestData.class,
                new FetchHandler(topics, cluster, apiMeters, scheduler, clock))
            .register(
                ApiKeys.LIST_OFFSETS, ListOffsetsRequestData.class, new ListOffsetsHandler(topics))
            .register(
                ApiKeys.OFFSET_FOR_LEADER_EPOCH,
                OffsetForLeaderEpochRequestData.class,
                new OffsetForLeaderEpochHandler(topics))
            .register(
                ApiKeys.CREATE_TOPICS,
                CreateTopicsRequestData.class,
                new CreateTopicsHandler(
                    topics, settings.brokerId(), settings.autoCreatePartitions()))
            .register(
                ApiKeys.DELETE_TOPICS,
                DeleteTopicsRequestData.class,
                new DeleteTopicsHandler(topics))
            .register(
                ApiKeys.CREATE_PARTITIONS,
                CreatePartitionsRequestData.class,
                new CreatePartitionsHandler(topics, settings.brokerId()))
            .register(
                ApiKeys.INIT_PRODUCER_ID,
                InitProducerIdRequestData.class,
                new InitProducerIdHandler(metadata.producerIds()))
            .register(
                ApiKeys.DESCRIBE_CLUSTER,
                DescribeClusterRequestData.class,
                new DescribeClusterHandler(cluster, clusterId))
            .register(
                ApiKeys.DESCRIBE_CONFIGS,
                DescribeConfigsRequestData.class,
                new DescribeConfigsHandler(topics, settings.brokerId(), () -> brokerConfigs))
            .register(
                ApiKeys.FIND_COORDINATOR,
                FindCoordinatorRequestData.class,
                new FindCoordinatorHandler(self));
  }

  /** The topics and open logs (read-only use, e.g. admin endpoints and tests). */
  public TopicManager topics() {
    return topics;
  }

  @Override
  public CompletionStage<ApiMessage> handle(RequestContext context, RequestFrame frame) {
    return dispatcher.handle(context, frame);
  }

  /** Stops the timer thread (the partition logs belong to the cluster node). */
  @Override
  public void close() {
    if (ownedScheduler != null) {
      try {
        ownedScheduler.close();
      } catch (Exception e) {
        LOG.warn("scheduler close failed error={}", e.toString());
      }
    }
  }
}
