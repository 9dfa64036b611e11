/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.txn;

import io.kafscale.broker.api.ApiDispatcher;
import io.kafscale.broker.cluster.ClusterView;
import io.kafscale.broker.interbroker.InterBrokerClient;
import io.kafscale.broker.partition.Scheduler;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.broker.txn.ClusterMarkerWriter;
import io.kafscale.broker.txn.CoordinatorTransactionVerifier;
import io.kafscale.broker.txn.OwnedTransactionPartitions;
import io.kafscale.broker.txn.TransactionCoordinator;
import io.kafscale.broker.txn.TransactionPartitions;
import io.kafscale.broker.txn.TransactionStateMachine;
import io.kafscale.broker.txn.TransactionalProduceGate;
import io.kafscale.broker.txn.TxnSettings;
import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.registry.store.StoreTransactionRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.message.AddOffsetsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.DescribeProducersRequestData;
import org.apache.kafka.common.message.DescribeTransactionsRequestData;
import org.apache.kafka.common.message.EndTxnRequestData;
import org.apache.kafka.common.message.ListTransactionsRequestData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * The transaction side of a broker, assembled: the {@link TransactionCoordinator} for the {@value
 * TransactionPartitions#TOPIC} partitions this broker owns (state in the metadata store, fenced by
 * partition ownership), its {@link ClusterMarkerWriter} (markers for partitions owned here go
 * through {@code localMarkers}, the others over the {@link InterBrokerClient}), and the client
 * handlers it serves. {@link #close()} stops the marker retries; the inter-broker client belongs to
 * the caller. Thread-safe.
 */
public final class TransactionApis implements AutoCloseable {
  private static final Duration MARKER_RETRY_BACKOFF = Duration.ofMillis(100);
  private static final Duration MARKER_RETRY_TIMEOUT = Duration.ofSeconds(30);
  // As the group coordinator's default: a moved partition is unloaded within about a second.
  private static final Duration OWNERSHIP_CHECK_INTERVAL = Duration.ofSeconds(1);

  private final TransactionCoordinator coordinator;
  private final ClusterMarkerWriter markers;
  private final OwnedTransactionPartitions partitions;
  private final Clock clock;
  private final TopicManager topics;
  private final TransactionalProduceGate produceGate;

  public TransactionApis(
      int brokerId,
      Metadata metadata,
      TopicManager topics,
      ClusterView cluster,
      WriteTxnMarkersHandler localMarkers,
      InterBrokerClient interBroker,
      TxnSettings settings,
      Scheduler scheduler,
      Clock clock) {
    this.clock = clock;
    this.topics = topics;
    this.partitions =
        new OwnedTransactionPartitions(topics, cluster::session, settings.transactionPartitions());
    this.markers =
        new ClusterMarkerWriter(
            brokerId,
            cluster::image,
            localMarkers::write,
            interBroker,
            scheduler,
            clock,
            MARKER_RETRY_BACKOFF,
            MARKER_RETRY_TIMEOUT);
    this.coordinator =
        new TransactionCoordinator(
            new StoreTransactionRegistry(metadata.store(), metadata.keys()),
            partitions,
            new TransactionStateMachine(settings),
            markers,
            metadata.producerIds(),
            scheduler,
            clock,
            MARKER_RETRY_BACKOFF);

    coordinator.start(OWNERSHIP_CHECK_INTERVAL);
    this.produceGate =
        new TransactionalProduceGate(
            new CoordinatorTransactionVerifier(
                brokerId, cluster::image, coordinator, interBroker, clock));
  }

  /** KIP-890 part 1 verification of transactional produce on partitions owned here. */
  public TransactionalProduceGate produceGate() {
    return produceGate;
  }

  public TransactionCoordinator coordinator() {
    return coordinator;
  }

  /** The partition count of {@value TransactionPartitions#TOPIC} (FindCoordinator). */
  public int partitionCount() {
    return partitions.count();
  }

  /** Registers the transaction handlers that work end to end. */
  public ApiDispatcher register(ApiDispatcher dispatcher) {
    return dispatcher
        .register(
            ApiKeys.DESCRIBE_TRANSACTIONS,
            DescribeTransactionsRequestData.class,
            new DescribeTransactionsHandler(coordinator))
        .register(
            ApiKeys.LIST_TRANSACTIONS,
            ListTransactionsRequestData.class,
            new ListTransactionsHandler(coordinator, clock))
        .register(
            ApiKeys.DESCRIBE_PRODUCERS,
            DescribeProducersRequestData.class,
            new DescribeProducersHandler(topics))
        .register(
            ApiKeys.ADD_PARTITIONS_TO_TXN,
            AddPartitionsToTxnRequestData.class,
            new AddPartitionsToTxnHandler(coordinator, clock))
        .register(
            ApiKeys.ADD_OFFSETS_TO_TXN,
            AddOffsetsToTxnRequestData.class,
            new AddOffsetsToTxnHandler(coordinator, clock))
        .register(ApiKeys.END_TXN, EndTxnRequestData.class, new EndTxnHandler(coordinator, clock));
  }

  @Override
  public void close() {
    coordinator.close();
    markers.close();
  }
}
