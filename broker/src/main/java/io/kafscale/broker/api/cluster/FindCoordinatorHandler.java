/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.cluster;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.cluster.ClusterView;
import io.kafscale.broker.group.CoordinatorPartitions;
import io.kafscale.broker.txn.TransactionPartitions;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntSupplier;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData.Coordinator;
import org.apache.kafka.common.protocol.Errors;

/**
 * FindCoordinator: a group key (type 0) is answered with the live owner of the group's partition of
 * {@value CoordinatorPartitions#TOPIC} ({@code abs(hash) % partitions}, as Kafka), or
 * COORDINATOR_NOT_AVAILABLE while that partition has no owner; whatever the key (Apache Kafka does
 * not validate group ids here either; JoinGroup and friends do). Transaction keys (type 1) are
 * answered the same way from {@value TransactionPartitions#TOPIC} when transactions are wired;
 * otherwise with this broker: a transactional producer then sends InitProducerId, which refuses
 * transactional ids with a fatal UNSUPPORTED_VERSION (COORDINATOR_NOT_AVAILABLE here would make
 * clients retry until max.block.ms and fail with a bare timeout). Share keys (type 2) and unknown
 * types get INVALID_REQUEST. Versions 0-3 carry one key and answer at the top level; from v4 keys
 * are batched (KIP-699) and each gets its own answer. Only the fields a version has are set: the
 * generated writers throw otherwise. Thread-safe.
 */
public final class FindCoordinatorHandler implements ApiHandler<FindCoordinatorRequestData> {
  private static final byte GROUP = 0;
  private static final byte TRANSACTION = 1;
  private static final byte SHARE = 2;
  private static final short FIRST_BATCHED_VERSION = 4;
  private static final short FIRST_ERROR_MESSAGE_VERSION = 1;

  private final BrokerEndpoint self;
  private final ClusterView cluster;
  private final CoordinatorPartitions partitions;
  private final Optional<IntSupplier> transactionPartitions;

  public FindCoordinatorHandler(
      BrokerEndpoint self, ClusterView cluster, CoordinatorPartitions partitions) {
    this(self, cluster, partitions, Optional.empty());
  }

  /**
   * @param transactionPartitions the partition count of {@value TransactionPartitions#TOPIC} when
   *     transactions are served; empty answers transaction keys with this broker
   */
  public FindCoordinatorHandler(
      BrokerEndpoint self,
      ClusterView cluster,
      CoordinatorPartitions partitions,
      Optional<IntSupplier> transactionPartitions) {
    this.self = self;
    this.cluster = cluster;
    this.partitions = partitions;
    this.transactionPartitions = transactionPartitions;
  }

  /** The answer for one key: an error, or (NONE) the coordinator's id, host and port. */
  private record Lookup(Errors error, String message, int nodeId, String host, int port) {
    static Lookup failed(Errors error, String message) {
      return new Lookup(error, message, -1, "", -1);
    }

    boolean found() {
      return error == Errors.NONE;
    }
  }

  @Override
  public CompletionStage<FindCoordinatorResponseData> handle(
      RequestContext context, RequestFrame frame, FindCoordinatorRequestData request) {
    short version = frame.apiVersion();
    FindCoordinatorResponseData response = new FindCoordinatorResponseData().setThrottleTimeMs(0);
    if (version < FIRST_BATCHED_VERSION) {
      single(response, version, lookup(request.keyType(), request.key(), context.listenerName()));
    } else {
      for (String key : request.coordinatorKeys()) {
        response
            .coordinators()
            .add(coordinator(key, lookup(request.keyType(), key, context.listenerName())));
      }
    }
    return CompletableFuture.completedFuture(response);
  }

  private Lookup lookup(byte keyType, String key, String listenerName) {
    return switch (keyType) {
      case GROUP ->
          owner(
              CoordinatorPartitions.TOPIC,
              CoordinatorPartitions.partitionFor(key == null ? "" : key, partitions.count()),
              listenerName);
      case TRANSACTION ->
          transactionPartitions
              .map(
                  count ->
                      owner(
                          TransactionPartitions.TOPIC,
                          TransactionPartitions.partitionFor(
                              key == null ? "" : key, count.getAsInt()),
                          listenerName))
              .orElseGet(() -> new Lookup(Errors.NONE, null, self.id(), self.host(), self.port()));
      case SHARE ->
          Lookup.failed(Errors.INVALID_REQUEST, "Share groups are not supported by this broker");
      default -> Lookup.failed(Errors.INVALID_REQUEST, "Unknown coordinator key type " + keyType);
    };
  }

  private Lookup owner(String topic, int partition, String listenerName) {
    return cluster
        .leader(topic, partition)
        .map(
            l ->
                new Lookup(
                    Errors.NONE,
                    null,
                    l.broker().brokerId(),
                    l.broker().endpoint(listenerName).host(),
                    l.broker().endpoint(listenerName).port()))
        .orElseGet(
            () ->
                Lookup.failed(
                    Errors.COORDINATOR_NOT_AVAILABLE,
                    "The coordinator partition " + partition + " has no live owner"));
  }

  private void single(FindCoordinatorResponseData response, short version, Lookup lookup) {
    response.setErrorCode(lookup.error().code());
    if (version >= FIRST_ERROR_MESSAGE_VERSION) {
      response.setErrorMessage(lookup.found() ? null : lookup.message());
    }
    // On errors Kafka's "no node" (-1, "", -1), as in its error responses.
    response.setNodeId(lookup.nodeId()).setHost(lookup.host()).setPort(lookup.port());
  }

  private static Coordinator coordinator(String key, Lookup lookup) {
    Coordinator coordinator =
        new Coordinator()
            .setKey(key)
            .setErrorCode(lookup.error().code())
            .setErrorMessage(lookup.message());
    return coordinator.setNodeId(lookup.nodeId()).setHost(lookup.host()).setPort(lookup.port());
  }
}
