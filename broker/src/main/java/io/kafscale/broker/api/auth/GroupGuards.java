/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.auth;

import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclResourceType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * The guards of the consumer group APIs, with Kafka's operations: JoinGroup, SyncGroup, Heartbeat,
 * LeaveGroup and OffsetCommit READ on the group (OffsetCommit also READ on each topic),
 * FindCoordinator, DescribeGroups and OffsetFetch DESCRIBE (OffsetFetch also DESCRIBE on each
 * topic), DeleteGroups and OffsetDelete DELETE (OffsetDelete also READ on each topic); ListGroups
 * lists only the groups the principal may DESCRIBE unless it may DESCRIBE the cluster. Pure
 * factories.
 */
final class GroupGuards {
  /** FindCoordinator key types (Kafka's CoordinatorType ids). */
  private static final byte GROUP_KEY = 0;

  private static final byte TRANSACTION_KEY = 1;

  private GroupGuards() {}

  static boolean allowed(Access access, AclOperation op, String group) {
    return access.allowed(op, AclResourceType.GROUP, group);
  }

  /**
   * The per-group check of a split request: {@code op} on the group or GROUP_AUTHORIZATION_FAILED.
   */
  static BiFunction<Access, String, Errors> group(AclOperation op) {
    return (access, group) ->
        allowed(access, op, group) ? Errors.NONE : Errors.GROUP_AUTHORIZATION_FAILED;
  }

  /** A request about one group: the whole request fails with GROUP_AUTHORIZATION_FAILED. */
  static <Q extends ApiMessage> Guard single(AclOperation op, Function<Q, String> groupOf) {
    return (access, frame, next) -> {
      @SuppressWarnings("unchecked")
      String group = groupOf.apply((Q) frame.body());
      return allowed(access, op, group)
          ? access.forward(next, frame, frame.body())
          : Access.deny(frame, Errors.GROUP_AUTHORIZATION_FAILED);
    };
  }

  static Guard offsetCommit() {
    SplitGuard<OffsetCommitRequestData, OffsetCommitResponseData> topics =
        new SplitGuard<OffsetCommitRequestData, OffsetCommitResponseData>(
                q -> q.topics().stream().map(t -> t.name()).toList(),
                TopicGuards.topic(AclOperation.READ),
                (q, keep) -> {
                  OffsetCommitRequestData copy = q.duplicate();
                  copy.topics().removeIf(t -> !keep.test(t.name()));
                  return copy;
                },
                (a, b) -> a.topics().addAll(b.topics()))
            .inRequestOrder(OffsetCommitResponseData::topics, t -> t.name());
    return (access, frame, next) -> {
      OffsetCommitRequestData q = (OffsetCommitRequestData) frame.body();
      return allowed(access, AclOperation.READ, q.groupId())
          ? topics.handle(access, frame, next)
          : Access.deny(frame, Errors.GROUP_AUTHORIZATION_FAILED);
    };
  }

  /**
   * OffsetDelete: DELETE on the group (whole request), then READ on each topic: a refused topic's
   * partitions get TOPIC_AUTHORIZATION_FAILED while the others are deleted. As Kafka, the
   * coordinator is asked even when no topic is left, so group-level errors still surface.
   */
  static Guard offsetDelete() {
    return (access, frame, next) -> {
      OffsetDeleteRequestData q = (OffsetDeleteRequestData) frame.body();
      if (!allowed(access, AclOperation.DELETE, q.groupId())) {
        return Access.deny(frame, Errors.GROUP_AUTHORIZATION_FAILED);
      }
      List<String> order = q.topics().stream().map(t -> t.name()).toList();
      Set<String> denied = new HashSet<>();
      for (String topic : order) {
        if (!access.allowed(AclOperation.READ, AclResourceType.TOPIC, topic)) {
          denied.add(topic);
        }
      }
      if (denied.isEmpty()) {
        return access.forward(next, frame, q);
      }
      OffsetDeleteRequestData allowedPart = q.duplicate();
      allowedPart.topics().removeIf(t -> denied.contains(t.name()));
      return access
          .forward(next, frame, allowedPart)
          .thenApply(
              r -> {
                OffsetDeleteResponseData response = (OffsetDeleteResponseData) r;
                if (response.errorCode() != Errors.NONE.code()) {
                  return r;
                }
                for (OffsetDeleteRequestData.OffsetDeleteRequestTopic t : q.topics()) {
                  if (denied.contains(t.name())) {
                    response.topics().add(deniedTopic(t));
                  }
                }
                SplitGuard.sort(response.topics(), t -> t.name(), order);
                return r;
              });
    };
  }

  private static OffsetDeleteResponseData.OffsetDeleteResponseTopic deniedTopic(
      OffsetDeleteRequestData.OffsetDeleteRequestTopic t) {
    OffsetDeleteResponseData.OffsetDeleteResponseTopic topic =
        new OffsetDeleteResponseData.OffsetDeleteResponseTopic().setName(t.name());
    for (OffsetDeleteRequestData.OffsetDeleteRequestPartition p : t.partitions()) {
      topic
          .partitions()
          .add(
              new OffsetDeleteResponseData.OffsetDeleteResponsePartition()
                  .setPartitionIndex(p.partitionIndex())
                  .setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code()));
    }
    return topic;
  }

  static Guard findCoordinator() {
    return (access, frame, next) -> {
      FindCoordinatorRequestData q = (FindCoordinatorRequestData) frame.body();
      if (frame.apiVersion() < 4) {
        Errors error = check(access, q.keyType(), q.key());
        return error == Errors.NONE ? access.forward(next, frame, q) : Access.deny(frame, error);
      }
      return access
          .forward(next, frame, q)
          .thenApply(
              r -> {
                for (FindCoordinatorResponseData.Coordinator c :
                    ((FindCoordinatorResponseData) r).coordinators()) {
                  Errors error = check(access, q.keyType(), c.key());
                  if (error != Errors.NONE) {
                    c.setErrorCode(error.code())
                        .setErrorMessage(error.message())
                        .setNodeId(-1)
                        .setHost("")
                        .setPort(-1);
                  }
                }
                return r;
              });
    };
  }

  private static Errors check(Access access, byte keyType, String key) {
    if (keyType == TRANSACTION_KEY) {
      return access.allowed(AclOperation.DESCRIBE, AclResourceType.TRANSACTIONAL_ID, key)
          ? Errors.NONE
          : Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED;
    }
    if (keyType == GROUP_KEY) {
      return group(AclOperation.DESCRIBE).apply(access, key);
    }
    return Errors.NONE;
  }

  static Guard describeGroups() {
    SplitGuard<DescribeGroupsRequestData, DescribeGroupsResponseData> split =
        new SplitGuard<DescribeGroupsRequestData, DescribeGroupsResponseData>(
                q -> q.groups(),
                group(AclOperation.DESCRIBE),
                (q, keep) -> {
                  DescribeGroupsRequestData copy = q.duplicate();
                  copy.groups().removeIf(g -> !keep.test(g));
                  return copy;
                },
                (a, b) -> a.groups().addAll(b.groups()))
            .inRequestOrder(DescribeGroupsResponseData::groups, g -> g.groupId());
    return (access, frame, next) -> {
      DescribeGroupsRequestData q = (DescribeGroupsRequestData) frame.body();
      return split
          .handle(access, frame, next)
          .thenApply(
              r -> {
                if (q.includeAuthorizedOperations()) {
                  for (var g : ((DescribeGroupsResponseData) r).groups()) {
                    if (g.errorCode() == Errors.NONE.code()) {
                      g.setAuthorizedOperations(
                          access.operations(AclResourceType.GROUP, g.groupId()));
                    }
                  }
                }
                return r;
              });
    };
  }

  static Guard deleteGroups() {
    return new SplitGuard<DeleteGroupsRequestData, DeleteGroupsResponseData>(
            q -> q.groupsNames(),
            group(AclOperation.DELETE),
            (q, keep) -> {
              DeleteGroupsRequestData copy = q.duplicate();
              copy.groupsNames().removeIf(g -> !keep.test(g));
              return copy;
            },
            (a, b) -> b.results().forEach(r -> a.results().add(r.duplicate())))
        .inRequestOrder(DeleteGroupsResponseData::results, r -> r.groupId());
  }

  static Guard listGroups() {
    return (access, frame, next) -> {
      if (access.cluster(AclOperation.DESCRIBE)) {
        return access.forward(next, frame, frame.body());
      }
      return access
          .forward(next, frame, frame.body())
          .thenApply(
              r -> {
                ((ListGroupsResponseData) r)
                    .groups()
                    .removeIf(g -> !allowed(access, AclOperation.DESCRIBE, g.groupId()));
                return r;
              });
    };
  }

  /**
   * OffsetFetch: a group the principal may not DESCRIBE gets GROUP_AUTHORIZATION_FAILED and no
   * offsets; topics it may not DESCRIBE are left out of an all-topics answer and answered with
   * TOPIC_AUTHORIZATION_FAILED when named. Read-only, so the answer is filtered afterwards.
   */
  static Guard offsetFetch() {
    return (access, frame, next) -> {
      OffsetFetchRequestData q = (OffsetFetchRequestData) frame.body();
      if (frame.apiVersion() < 8) {
        if (!allowed(access, AclOperation.DESCRIBE, q.groupId())) {
          return Access.deny(frame, Errors.GROUP_AUTHORIZATION_FAILED);
        }
        return access
            .forward(next, frame, q)
            .thenApply(
                r -> {
                  OffsetFetchResponseData data = (OffsetFetchResponseData) r;
                  filterTopics(access, data.topics(), q.topics() == null);
                  return r;
                });
      }
      return access
          .forward(next, frame, q)
          .thenApply(
              r -> {
                for (OffsetFetchResponseData.OffsetFetchResponseGroup g :
                    ((OffsetFetchResponseData) r).groups()) {
                  if (!allowed(access, AclOperation.DESCRIBE, g.groupId())) {
                    g.setErrorCode(Errors.GROUP_AUTHORIZATION_FAILED.code());
                    g.topics().clear();
                    continue;
                  }
                  boolean all =
                      q.groups().stream()
                          .filter(rq -> rq.groupId().equals(g.groupId()))
                          .anyMatch(rq -> rq.topics() == null);
                  g.topics().removeIf(t -> all && !describable(access, t.name()));
                  g.topics().stream()
                      .filter(t -> !describable(access, t.name()))
                      .forEach(
                          t ->
                              t.partitions()
                                  .forEach(
                                      p ->
                                          p.setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code())
                                              .setCommittedOffset(-1)));
                }
                return r;
              });
    };
  }

  private static void filterTopics(
      Access access,
      List<OffsetFetchResponseData.OffsetFetchResponseTopic> topics,
      boolean allTopics) {
    if (allTopics) {
      topics.removeIf(t -> !describable(access, t.name()));
      return;
    }
    topics.stream()
        .filter(t -> !describable(access, t.name()))
        .forEach(
            t ->
                t.partitions()
                    .forEach(
                        p ->
                            p.setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code())
                                .setCommittedOffset(-1)));
  }

  private static boolean describable(Access access, String topic) {
    return topic == null || access.allowed(AclOperation.DESCRIBE, AclResourceType.TOPIC, topic);
  }
}
