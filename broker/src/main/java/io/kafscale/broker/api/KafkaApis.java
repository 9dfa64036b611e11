/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api;

import io.kafscale.broker.api.admin.AlterConfigsHandler;
import io.kafscale.broker.api.admin.ConfigAlterer;
import io.kafscale.broker.api.admin.CreatePartitionsHandler;
import io.kafscale.broker.api.admin.CreateTopicsHandler;
import io.kafscale.broker.api.admin.DeleteRecordsHandler;
import io.kafscale.broker.api.admin.DeleteTopicsHandler;
import io.kafscale.broker.api.admin.DescribeLogDirsHandler;
import io.kafscale.broker.api.admin.IncrementalAlterConfigsHandler;
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
import io.kafscale.broker.api.group.DeleteGroupsHandler;
import io.kafscale.broker.api.group.DescribeGroupsHandler;
import io.kafscale.broker.api.group.HeartbeatHandler;
import io.kafscale.broker.api.group.JoinGroupHandler;
import io.kafscale.broker.api.group.LeaveGroupHandler;
import io.kafscale.broker.api.group.ListGroupsHandler;
import io.kafscale.broker.api.group.OffsetCommitHandler;
import io.kafscale.broker.api.group.OffsetDeleteHandler;
import io.kafscale.broker.api.group.OffsetFetchHandler;
import io.kafscale.broker.api.group.SyncGroupHandler;
import io.kafscale.broker.api.group.TxnOffsetCommitHandler;
import io.kafscale.broker.api.produce.InitProducerIdHandler;
import io.kafscale.broker.api.produce.ProduceHandler;
import io.kafscale.broker.api.txn.TransactionApis;
import io.kafscale.broker.api.txn.WriteTxnMarkersHandler;
import io.kafscale.broker.cluster.ClusterView;
import io.kafscale.broker.group.CoordinatorPartitions;
import io.kafscale.broker.group.GroupConfig;
import io.kafscale.broker.group.GroupCoordinator;
import io.kafscale.broker.group.OwnedCoordinatorPartitions;
import io.kafscale.broker.group.TxnOffsetCoordinator;
import io.kafscale.broker.interbroker.InterBrokerClient;
import io.kafscale.broker.partition.ExecutorScheduler;
import io.kafscale.broker.partition.LogTrimmer;
import io.kafscale.broker.partition.Scheduler;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.broker.txn.TxnSettings;
import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.registry.store.StoreTxnOffsetRegistry;
import io.kafscale.protocol.frame.RequestFrame;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData;
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
  private final GroupCoordinator groups;
  private final Optional<TransactionApis> transactions;

  /** Without transactions, with its own timer thread. */
  public KafkaApis(
      ApiSettings settings,
      Metadata metadata,
      TopicManager topics,
      ClusterView cluster,
      MeterRegistry meters,
      Clock clock) {
    this(
        settings,
        GroupConfig.defaults(),
        TxnSettings.defaults(),
        metadata,
        topics,
        cluster,
        meters,
        clock,
        new ExecutorScheduler("kafscale-api-timer"),
        true,
        Optional.empty());
  }

  /**
   * With the group coordinator's and transaction coordinator's settings and transactions: this
   * broker coordinates the transactional ids of the {@code __transaction_state} partitions it owns
   * and sends markers to other partition owners through {@code interBroker} (owned by the caller).
   */
  public KafkaApis(
      ApiSettings settings,
      GroupConfig groupConfig,
      TxnSettings txnSettings,
      Metadata metadata,
      TopicManager topics,
      ClusterView cluster,
      MeterRegistry meters,
      Clock clock,
      InterBrokerClient interBroker) {
    this(
        settings,
        groupConfig,
        txnSettings,
        metadata,
        topics,
        cluster,
        meters,
        clock,
        new ExecutorScheduler("kafscale-api-timer"),
        true,
        Optional.of(interBroker));
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
    this(
        settings,
        GroupConfig.defaults(),
        TxnSettings.defaults(),
        metadata,
        topics,
        cluster,
        meters,
        clock,
        scheduler,
        false,
        Optional.empty());
  }

  /** With a caller-owned scheduler and transactions over {@code interBroker} (tests). */
  public KafkaApis(
      ApiSettings settings,
      Metadata metadata,
      TopicManager topics,
      ClusterView cluster,
      MeterRegistry meters,
      Clock clock,
      Scheduler scheduler,
      InterBrokerClient interBroker) {
    this(
        settings,
        GroupConfig.defaults(),
        TxnSettings.defaults(),
        metadata,
        topics,
        cluster,
        meters,
        clock,
        scheduler,
        false,
        Optional.of(interBroker));
  }

  private KafkaApis(
      ApiSettings settings,
      GroupConfig groupConfig,
      TxnSettings txnSettings,
      Metadata metadata,
      TopicManager topics,
      ClusterView cluster,
      MeterRegistry meters,
      Clock clock,
      Scheduler scheduler,
      boolean ownsScheduler,
      Optional<InterBrokerClient> interBroker) {
    this.topics = topics;
    this.ownedScheduler = ownsScheduler && scheduler instanceof AutoCloseable c ? c : null;
    CoordinatorPartitions coordinatorPartitions =
        new OwnedCoordinatorPartitions(
            topics, cluster::session, groupConfig.coordinatorPartitions());
    this.groups =
        new GroupCoordinator(
            metadata.groups(),
            coordinatorPartitions,
            groupConfig,
            scheduler,
            clock,
            settings.brokerId());
    ApiMeters apiMeters = new ApiMeters(meters);
    // One instance: the markers complete exactly the pending offsets TxnOffsetCommit stored.
    TxnOffsetCoordinator txnOffsets =
        groups.transactionalOffsets(new StoreTxnOffsetRegistry(metadata.store(), metadata.keys()));
    WriteTxnMarkersHandler markers = WriteTxnMarkersHandler.of(topics, Optional.of(txnOffsets));
    this.transactions =
        interBroker.map(
            client ->
                new TransactionApis(
                    settings.brokerId(),
                    metadata,
                    topics,
                    cluster,
                    markers,
                    client,
                    txnSettings,
                    scheduler,
                    clock));
    var scram =
        new io.kafscale.metadata.registry.store.StoreScramCredentialRegistry(
            metadata.store(), metadata.keys());
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
                transactions
                    .map(
                        t ->
                            new ProduceHandler(
                                topics, cluster, apiMeters, scheduler, t.produceGate()))
                    .orElseGet(
                        () -> new ProduceHandler(topics, cluster, apiMeters, scheduler, false)))
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
                ApiKeys.DELETE_RECORDS,
                DeleteRecordsRequestData.class,
                new DeleteRecordsHandler(topics, new LogTrimmer(topics.objects(), meters)))
            .register(
                ApiKeys.DESCRIBE_LOG_DIRS,
                org.apache.kafka.common.message.DescribeLogDirsRequestData.class,
                new DescribeLogDirsHandler(topics, settings.namespace()))
            .register(
                ApiKeys.INIT_PRODUCER_ID,
                InitProducerIdRequestData.class,
                new InitProducerIdHandler(
                    metadata.producerIds(), transactions.map(TransactionApis::coordinator), clock))
            .register(
                ApiKeys.DESCRIBE_CLUSTER,
                DescribeClusterRequestData.class,
                new DescribeClusterHandler(cluster, clusterId))
            .register(
                ApiKeys.ALTER_CONFIGS,
                AlterConfigsRequestData.class,
                new AlterConfigsHandler(new ConfigAlterer(topics, settings.brokerId())))
            .register(
                ApiKeys.INCREMENTAL_ALTER_CONFIGS,
                IncrementalAlterConfigsRequestData.class,
                new IncrementalAlterConfigsHandler(new ConfigAlterer(topics, settings.brokerId())))
            .register(
                ApiKeys.DESCRIBE_CONFIGS,
                DescribeConfigsRequestData.class,
                new DescribeConfigsHandler(topics, settings.brokerId(), () -> brokerConfigs))
            .register(
                ApiKeys.FIND_COORDINATOR,
                FindCoordinatorRequestData.class,
                new FindCoordinatorHandler(
                    self,
                    cluster,
                    coordinatorPartitions,
                    transactions.map(t -> (java.util.function.IntSupplier) t::partitionCount)))
            .register(ApiKeys.JOIN_GROUP, JoinGroupRequestData.class, new JoinGroupHandler(groups))
            .register(ApiKeys.SYNC_GROUP, SyncGroupRequestData.class, new SyncGroupHandler(groups))
            .register(ApiKeys.HEARTBEAT, HeartbeatRequestData.class, new HeartbeatHandler(groups))
            .register(
                ApiKeys.LEAVE_GROUP, LeaveGroupRequestData.class, new LeaveGroupHandler(groups))
            .register(
                ApiKeys.OFFSET_COMMIT,
                OffsetCommitRequestData.class,
                new OffsetCommitHandler(groups, topics, clock))
            .register(
                ApiKeys.OFFSET_FETCH,
                OffsetFetchRequestData.class,
                new OffsetFetchHandler(groups, topics))
            .register(
                ApiKeys.DESCRIBE_GROUPS,
                DescribeGroupsRequestData.class,
                new DescribeGroupsHandler(groups))
            .register(
                ApiKeys.LIST_GROUPS, ListGroupsRequestData.class, new ListGroupsHandler(groups))
            .register(
                ApiKeys.DELETE_GROUPS,
                DeleteGroupsRequestData.class,
                new DeleteGroupsHandler(groups))
            .register(
                ApiKeys.OFFSET_DELETE,
                OffsetDeleteRequestData.class,
                new OffsetDeleteHandler(groups))
            .register(
                ApiKeys.WRITE_TXN_MARKERS,
                org.apache.kafka.common.message.WriteTxnMarkersRequestData.class,
                markers)
            .register(
                ApiKeys.TXN_OFFSET_COMMIT,
                org.apache.kafka.common.message.TxnOffsetCommitRequestData.class,
                new TxnOffsetCommitHandler(txnOffsets, topics, clock))
            .register(
                ApiKeys.DESCRIBE_USER_SCRAM_CREDENTIALS,
                org.apache.kafka.common.message.DescribeUserScramCredentialsRequestData.class,
                new io.kafscale.broker.api.scram.DescribeUserScramCredentialsHandler(scram))
            .register(
                ApiKeys.ALTER_USER_SCRAM_CREDENTIALS,
                org.apache.kafka.common.message.AlterUserScramCredentialsRequestData.class,
                new io.kafscale.broker.api.scram.AlterUserScramCredentialsHandler(scram))
            .register(
                ApiKeys.DESCRIBE_CLIENT_QUOTAS,
                org.apache.kafka.common.message.DescribeClientQuotasRequestData.class,
                new io.kafscale.broker.api.quota.DescribeClientQuotasHandler());
    transactions.ifPresent(t -> t.register(dispatcher));
    groups.start();
  }

  /** The group coordinator (tests and admin endpoints). */
  public GroupCoordinator groups() {
    return groups;
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
    transactions.ifPresent(TransactionApis::close);
    groups.close();
    if (ownedScheduler != null) {
      try {
        ownedScheduler.close();
      } catch (Exception e) {
        LOG.warn("scheduler close failed error={}", e.toString());
      }
    }
  }
}
