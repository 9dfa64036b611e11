/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.auth;

import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclResourceType;
import java.util.Collection;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * The guards of the config, cluster and producer-id APIs: DescribeConfigs DESCRIBE_CONFIGS and
 * AlterConfigs/IncrementalAlterConfigs ALTER_CONFIGS on each topic (TOPIC_AUTHORIZATION_FAILED) or
 * on the cluster for broker resources (CLUSTER_AUTHORIZATION_FAILED); DescribeLogDirs DESCRIBE on
 * the cluster; DescribeCluster open to all, with its authorized operations when asked (0 without
 * DESCRIBE on the cluster, as in Kafka); InitProducerId WRITE on the transactional id, or for
 * idempotence IDEMPOTENT_WRITE on the cluster or WRITE on any topic. Pure factories.
 */
final class ClusterGuards {
  private ClusterGuards() {}

  private static String key(byte type, String name) {
    return type + ":" + name;
  }

  static BiFunction<Access, String, Errors> configs(AclOperation op) {
    return (access, key) -> {
      int colon = key.indexOf(':');
      byte type = Byte.parseByte(key.substring(0, colon));
      String name = key.substring(colon + 1);
      if (type == ConfigResource.Type.TOPIC.id()) {
        return access.allowed(op, AclResourceType.TOPIC, name)
            ? Errors.NONE
            : Errors.TOPIC_AUTHORIZATION_FAILED;
      }
      return access.cluster(op) ? Errors.NONE : Errors.CLUSTER_AUTHORIZATION_FAILED;
    };
  }

  static Guard describeConfigs() {
    return configGuard(
        AclOperation.DESCRIBE_CONFIGS,
        DescribeConfigsRequestData::resources,
        r -> key(r.resourceType(), r.resourceName()),
        DescribeConfigsResponseData::results,
        r -> key(r.resourceType(), r.resourceName()));
  }

  static Guard alterConfigs() {
    return configGuard(
        AclOperation.ALTER_CONFIGS,
        AlterConfigsRequestData::resources,
        r -> key(r.resourceType(), r.resourceName()),
        AlterConfigsResponseData::responses,
        r -> key(r.resourceType(), r.resourceName()));
  }

  static Guard incrementalAlterConfigs() {
    return configGuard(
        AclOperation.ALTER_CONFIGS,
        IncrementalAlterConfigsRequestData::resources,
        r -> key(r.resourceType(), r.resourceName()),
        IncrementalAlterConfigsResponseData::responses,
        r -> key(r.resourceType(), r.resourceName()));
  }

  /**
   * The split guard of a config API: each resource of the request (keyed type:name) is checked with
   * {@link #configs(AclOperation)}, the allowed ones are served, and the results are merged in
   * request order.
   */
  @SuppressWarnings("unchecked")
  private static <Q extends ApiMessage, R extends ApiMessage, I, O> Guard configGuard(
      AclOperation op,
      Function<Q, ? extends Collection<I>> resources,
      Function<I, String> resourceKey,
      Function<R, ? extends Collection<O>> results,
      Function<O, String> resultKey) {
    return new SplitGuard<Q, R>(
            q -> resources.apply(q).stream().map(resourceKey).toList(),
            configs(op),
            (q, keep) -> {
              Q copy = (Q) q.duplicate();
              resources.apply(copy).removeIf(r -> !keep.test(resourceKey.apply(r)));
              return copy;
            },
            (a, b) -> ((Collection<O>) results.apply(a)).addAll(results.apply(b)))
        .inRequestOrder(results, resultKey);
  }

  static Guard clusterOnly(AclOperation op) {
    return (access, frame, next) ->
        access.cluster(op)
            ? access.forward(next, frame, frame.body())
            : Access.deny(frame, Errors.CLUSTER_AUTHORIZATION_FAILED);
  }

  static Guard describeCluster() {
    return (access, frame, next) -> {
      DescribeClusterRequestData q = (DescribeClusterRequestData) frame.body();
      return access
          .forward(next, frame, q)
          .thenApply(
              r -> {
                if (q.includeClusterAuthorizedOperations()) {
                  ((DescribeClusterResponseData) r)
                      .setClusterAuthorizedOperations(access.clusterOperations());
                }
                return r;
              });
    };
  }

  static Guard initProducerId() {
    return (access, frame, next) -> {
      InitProducerIdRequestData q = (InitProducerIdRequestData) frame.body();
      if (q.transactionalId() != null) {
        return access.allowed(
                AclOperation.WRITE, AclResourceType.TRANSACTIONAL_ID, q.transactionalId())
            ? access.forward(next, frame, q)
            : Access.deny(frame, Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
      }
      boolean idempotent =
          access.cluster(AclOperation.IDEMPOTENT_WRITE)
              || access.any(AclOperation.WRITE, AclResourceType.TOPIC);
      return idempotent
          ? access.forward(next, frame, q)
          : Access.deny(frame, Errors.CLUSTER_AUTHORIZATION_FAILED);
    };
  }
}
