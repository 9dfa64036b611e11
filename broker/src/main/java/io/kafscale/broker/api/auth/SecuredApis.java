/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.auth;

import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.api.RequestHandler;
import io.kafscale.broker.api.TopicIds;
import io.kafscale.broker.api.acl.AclApis;
import io.kafscale.broker.api.scram.ScramAuthorization;
import io.kafscale.broker.config.NetworkConfig;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.broker.security.acl.AclAuthorizer;
import io.kafscale.broker.security.acl.Authorizer;
import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclResourceType;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AddOffsetsToTxnRequestData;
import org.apache.kafka.common.message.CreateAclsRequestData;
import org.apache.kafka.common.message.DeleteAclsRequestData;
import org.apache.kafka.common.message.DescribeAclsRequestData;
import org.apache.kafka.common.message.EndTxnRequestData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * The authorization layer in front of the broker's APIs: serves CreateAcls, DescribeAcls and
 * DeleteAcls, and, when an authorizer is configured, runs each request through its API's {@link
 * Guard} before the handlers. Without an authorizer every other request goes to the handlers
 * untouched, so behaviour is exactly as without this layer. ApiVersions has no guard (open, as in
 * Kafka). The broker-only requests (WriteTxnMarkers, verify-only AddPartitionsToTxn v4+) need
 * CLUSTER_ACTION on the cluster or to arrive on a dedicated inter-broker listener, because our
 * brokers send them to each other without authenticating. Thread-safe; never blocks.
 */
public final class SecuredApis implements RequestHandler {
  private final RequestHandler next;
  private final Optional<? extends Authorizer> authorizer;
  private final AclApis acls;
  private final Map<ApiKeys, Guard> guards = new EnumMap<>(ApiKeys.class);
  private final String dedicatedInterBrokerListener;

  /**
   * The chain a broker serves: authorization guards (and the ACL APIs) in front of the SCRAM
   * credential APIs' guard in front of {@code apis}. With an empty authorizer every request reaches
   * {@code apis} unchanged.
   */
  public static RequestHandler around(
      RequestHandler apis,
      Optional<AclAuthorizer> authorizer,
      TopicManager topics,
      boolean autoCreateTopics) {
    return around(apis, authorizer, topics, autoCreateTopics, Optional.empty());
  }

  /**
   * As above; requests arriving on {@code dedicatedInterBrokerListener} (see {@link
   * #dedicatedInterBrokerListener(NetworkConfig)}) pass the broker-only checks.
   */
  public static RequestHandler around(
      RequestHandler apis,
      Optional<AclAuthorizer> authorizer,
      TopicManager topics,
      boolean autoCreateTopics,
      Optional<String> dedicatedInterBrokerListener) {
    return new SecuredApis(
        ScramAuthorization.guard(apis, authorizer),
        authorizer,
        id -> topics.topic(TopicIds.fromKafka(id)).map(TopicRecord::name),
        name -> topics.topic(name).isPresent(),
        autoCreateTopics,
        dedicatedInterBrokerListener);
  }

  /**
   * The inter-broker listener when the operator separated it, i.e. it is one of several listeners
   * (so clients can be kept on the others and it can be made reachable only inside the cluster);
   * empty with a single listener, which clients and brokers share.
   */
  public static Optional<String> dedicatedInterBrokerListener(NetworkConfig network) {
    String name = network.interBroker().name();
    return network.listeners().stream().anyMatch(l -> !l.name().equals(name))
        ? Optional.of(name)
        : Optional.empty();
  }

  /**
   * @param next the handlers
   * @param authorizer empty when authorization is disabled
   * @param topicNames topic id to name (for requests naming topics by id)
   * @param topicExists whether a topic exists (Metadata's auto-creation check)
   * @param autoCreateTopics whether this broker auto-creates topics from Metadata
   */
  public SecuredApis(
      RequestHandler next,
      Optional<AclAuthorizer> authorizer,
      Function<Uuid, Optional<String>> topicNames,
      Predicate<String> topicExists,
      boolean autoCreateTopics) {
    this(next, authorizer, topicNames, topicExists, autoCreateTopics, Optional.empty());
  }

  /** As above, trusting broker-only requests on {@code dedicatedInterBrokerListener}. */
  public SecuredApis(
      RequestHandler next,
      Optional<AclAuthorizer> authorizer,
      Function<Uuid, Optional<String>> topicNames,
      Predicate<String> topicExists,
      boolean autoCreateTopics,
      Optional<String> dedicatedInterBrokerListener) {
    this.next = next;
    this.authorizer = authorizer;
    this.dedicatedInterBrokerListener = dedicatedInterBrokerListener.orElse(null);
    this.acls = new AclApis(authorizer);
    guards.put(ApiKeys.METADATA, new MetadataGuard(topicExists, autoCreateTopics));
    guards.put(ApiKeys.PRODUCE, TopicGuards.produce(topicNames));
    guards.put(ApiKeys.FETCH, TopicGuards.fetch(topicNames));
    guards.put(ApiKeys.LIST_OFFSETS, TopicGuards.listOffsets());
    guards.put(ApiKeys.OFFSET_FOR_LEADER_EPOCH, TopicGuards.offsetForLeaderEpoch());
    guards.put(ApiKeys.CREATE_TOPICS, TopicGuards.createTopics());
    guards.put(ApiKeys.DELETE_TOPICS, TopicGuards.deleteTopics(topicNames));
    guards.put(ApiKeys.CREATE_PARTITIONS, TopicGuards.createPartitions());
    guards.put(ApiKeys.DELETE_RECORDS, TopicGuards.deleteRecords());
    guards.put(ApiKeys.DESCRIBE_CONFIGS, ClusterGuards.describeConfigs());
    guards.put(ApiKeys.ALTER_CONFIGS, ClusterGuards.alterConfigs());
    guards.put(ApiKeys.INCREMENTAL_ALTER_CONFIGS, ClusterGuards.incrementalAlterConfigs());
    guards.put(ApiKeys.DESCRIBE_LOG_DIRS, ClusterGuards.clusterOnly(AclOperation.DESCRIBE));
    guards.put(ApiKeys.DESCRIBE_CLUSTER, ClusterGuards.describeCluster());
    guards.put(ApiKeys.INIT_PRODUCER_ID, ClusterGuards.initProducerId());
    guards.put(ApiKeys.FIND_COORDINATOR, GroupGuards.findCoordinator());
    guards.put(
        ApiKeys.JOIN_GROUP,
        GroupGuards.<JoinGroupRequestData>single(AclOperation.READ, JoinGroupRequestData::groupId));
    guards.put(
        ApiKeys.SYNC_GROUP,
        GroupGuards.<SyncGroupRequestData>single(AclOperation.READ, SyncGroupRequestData::groupId));
    guards.put(
        ApiKeys.HEARTBEAT,
        GroupGuards.<HeartbeatRequestData>single(AclOperation.READ, HeartbeatRequestData::groupId));
    guards.put(
        ApiKeys.LEAVE_GROUP,
        GroupGuards.<LeaveGroupRequestData>single(
            AclOperation.READ, LeaveGroupRequestData::groupId));
    guards.put(ApiKeys.OFFSET_COMMIT, GroupGuards.offsetCommit());
    guards.put(ApiKeys.OFFSET_FETCH, GroupGuards.offsetFetch());
    guards.put(ApiKeys.OFFSET_DELETE, GroupGuards.offsetDelete());
    guards.put(ApiKeys.DESCRIBE_GROUPS, GroupGuards.describeGroups());
    guards.put(ApiKeys.LIST_GROUPS, GroupGuards.listGroups());
    guards.put(ApiKeys.DELETE_GROUPS, GroupGuards.deleteGroups());
    guards.put(ApiKeys.END_TXN, transactional(EndTxnRequestData::transactionalId, null));
    guards.put(
        ApiKeys.ADD_OFFSETS_TO_TXN,
        transactional(
            AddOffsetsToTxnRequestData::transactionalId, AddOffsetsToTxnRequestData::groupId));
    guards.put(ApiKeys.TXN_OFFSET_COMMIT, TxnGuards.txnOffsetCommit(topicNames));
    guards.put(ApiKeys.ADD_PARTITIONS_TO_TXN, TxnGuards.addPartitionsToTxn(topicExists));
    guards.put(ApiKeys.DESCRIBE_TRANSACTIONS, TxnGuards.describeTransactions());
    guards.put(ApiKeys.LIST_TRANSACTIONS, TxnGuards.listTransactions());
    guards.put(ApiKeys.DESCRIBE_PRODUCERS, TxnGuards.describeProducers());
    guards.put(ApiKeys.WRITE_TXN_MARKERS, TxnGuards.writeTxnMarkers());
  }

  /** WRITE on the transactional id, then READ on the group when the request names one. */
  private static <Q extends ApiMessage> Guard transactional(
      Function<Q, String> txnId, Function<Q, String> group) {
    return (access, frame, next) -> {
      @SuppressWarnings("unchecked")
      Q q = (Q) frame.body();
      if (!access.allowed(AclOperation.WRITE, AclResourceType.TRANSACTIONAL_ID, txnId.apply(q))) {
        return Access.deny(frame, Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
      }
      if (group != null
          && !access.allowed(AclOperation.READ, AclResourceType.GROUP, group.apply(q))) {
        return Access.deny(frame, Errors.GROUP_AUTHORIZATION_FAILED);
      }
      return access.forward(next, frame, q);
    };
  }

  @Override
  @SuppressWarnings("unchecked")
  public CompletionStage<ApiMessage> handle(RequestContext context, RequestFrame frame) {
    switch (frame.apiKey()) {
      case CREATE_ACLS -> {
        return (CompletionStage<ApiMessage>)
            (CompletionStage<?>) acls.create(context, frame, (CreateAclsRequestData) frame.body());
      }
      case DESCRIBE_ACLS -> {
        return (CompletionStage<ApiMessage>)
            (CompletionStage<?>)
                acls.describe(context, frame, (DescribeAclsRequestData) frame.body());
      }
      case DELETE_ACLS -> {
        return (CompletionStage<ApiMessage>)
            (CompletionStage<?>) acls.delete(context, frame, (DeleteAclsRequestData) frame.body());
      }
      default -> {
        Guard guard = guards.get(frame.apiKey());
        if (authorizer.isEmpty() || guard == null) {
          return next.handle(context, frame);
        }
        return guard.handle(
            new Access(authorizer.get(), context, dedicatedInterBrokerListener), frame, next);
      }
    }
  }
}
