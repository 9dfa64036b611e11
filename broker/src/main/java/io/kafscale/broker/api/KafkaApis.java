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
import io.kafscale.broker.api.produce.InitProducerIdHandler;
import io.kafscale.broker.api.produce.ProduceHandler;
import io.kafscale.broker.partition.ExecutorScheduler;
import io.kafscale.broker.partition.Scheduler;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.Metadata;
import io.kafscale.protocol.frame.RequestFrame;
import io.kafscale.storage.log.PartitionLogOpener;
import io.kafscale.storage.objectstore.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka APIs of a single-node broker: wires one handler per API into an {@link ApiDispatcher},
 * and owns the {@link TopicManager} (topics and open partition logs) and the timer thread for long
 * polls and produce timeouts. {@link #start()} loads every topic and claims and opens all
 * partitions (one node owns everything). Thread-safe; {@link #handle} never blocks.
 */
public final class KafkaApis implements RequestHandler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaApis.class);

  private final TopicManager topics;
  private final ApiDispatcher dispatcher;
  private final AutoCloseable ownedScheduler;
  private volatile boolean ready;

  public KafkaApis(
      ApiSettings settings,
      Metadata metadata,
      PartitionLogOpener logs,
      ObjectStore objects,
      MeterRegistry meters,
      Clock clock) {
    this(
        settings,
        metadata,
        logs,
        objects,
        meters,
        clock,
        new ExecutorScheduler("kafscale-api-timer"),
        true);
  }

  /** With a caller-owned scheduler (tests drive time with it). */
  public KafkaApis(
      ApiSettings settings,
      Metadata metadata,
      PartitionLogOpener logs,
      ObjectStore objects,
      MeterRegistry meters,
      Clock clock,
      Scheduler scheduler) {
    this(settings, metadata, logs, objects, meters, clock, scheduler, false);
  }

  private KafkaApis(
      ApiSettings settings,
      Metadata metadata,
      PartitionLogOpener logs,
      ObjectStore objects,
      MeterRegistry meters,
      Clock clock,
      Scheduler scheduler,
      boolean ownsScheduler) {
    this.topics =
        new TopicManager(
            settings.brokerId(), metadata.topics(), metadata.partitions(), logs, objects);
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
                    self,
                    clusterId,
                    topics,
                    settings.autoCreateTopics(),
                    settings.autoCreatePartitions()))
            .register(
                ApiKeys.PRODUCE,
                ProduceRequestData.class,
                new ProduceHandler(topics, apiMeters, scheduler))
            .register(
                ApiKeys.FETCH,
                FetchRequestData.class,
                new FetchHandler(topics, apiMeters, scheduler, clock))
            .register(
                ApiKeys.LIST_OFFSETS, ListOffsetsRequestData.class, new ListOffsetsHandler(topics))
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
                new DescribeClusterHandler(self, clusterId))
            .register(
                ApiKeys.DESCRIBE_CONFIGS,
                DescribeConfigsRequestData.class,
                new DescribeConfigsHandler(topics, settings.brokerId(), () -> brokerConfigs))
            .register(
                ApiKeys.FIND_COORDINATOR,
                FindCoordinatorRequestData.class,
                new FindCoordinatorHandler(self));
  }

  /** Loads the topics and claims and opens every partition; {@link #isReady()} afterwards. */
  public CompletableFuture<Void> start() {
    return topics
        .load()
        .thenRun(
            () -> {
              ready = true;
              LOG.info("partitions opened topics={}", topics.image().byName().size());
            });
  }

  public boolean isReady() {
    return ready;
  }

  /** The topics and open logs (read-only use, e.g. admin endpoints and tests). */
  public TopicManager topics() {
    return topics;
  }

  @Override
  public CompletionStage<ApiMessage> handle(RequestContext context, RequestFrame frame) {
    return dispatcher.handle(context, frame);
  }

  /** Flushes and closes every partition log and stops the timer thread. */
  @Override
  public void close() {
    ready = false;
    topics.close();
    if (ownedScheduler != null) {
      try {
        ownedScheduler.close();
      } catch (Exception e) {
        LOG.warn("scheduler close failed error={}", e.toString());
      }
    }
  }
}
