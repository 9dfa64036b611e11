/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.auth;

import io.kafscale.broker.api.RequestHandler;
import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclResourceType;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * Metadata as Kafka authorizes it: an all-topics request lists only the topics the principal may
 * DESCRIBE; a named topic it may not DESCRIBE is answered with TOPIC_AUTHORIZATION_FAILED (without
 * saying whether it exists); a missing topic is auto-created only with CREATE on the cluster or on
 * the topic, else it too gets TOPIC_AUTHORIZATION_FAILED. A topic asked for by id (v12+) that may
 * not be described gets TOPIC_AUTHORIZATION_FAILED with a null name. Topic authorized operations
 * are filled in when asked, the cluster's only with DESCRIBE on the cluster (else 0). Thread-safe.
 */
final class MetadataGuard implements Guard {
  private final Predicate<String> exists;
  private final boolean autoCreateEnabled;

  MetadataGuard(Predicate<String> exists, boolean autoCreateEnabled) {
    this.exists = exists;
    this.autoCreateEnabled = autoCreateEnabled;
  }

  @Override
  public CompletionStage<ApiMessage> handle(
      Access access, RequestFrame frame, RequestHandler next) {
    MetadataRequestData q = (MetadataRequestData) frame.body();
    boolean allTopics = q.topics() == null || (frame.apiVersion() == 0 && q.topics().isEmpty());
    Set<String> denied = new LinkedHashSet<>();
    MetadataRequestData forwarded = q;
    Set<String> forwardedNames = new LinkedHashSet<>();
    Set<Uuid> requestedIds = new LinkedHashSet<>();
    if (!allTopics) {
      boolean mayCreateAny =
          !q.allowAutoTopicCreation() || !autoCreateEnabled || access.cluster(AclOperation.CREATE);
      for (var t : q.topics()) {
        String name = t.name();
        boolean hasId = t.topicId() != null && !Uuid.ZERO_UUID.equals(t.topicId());
        if (name == null || (name.isEmpty() && hasId)) {
          if (hasId) {
            requestedIds.add(t.topicId());
          }
          continue;
        }
        if (!describable(access, name)
            || (!mayCreateAny
                && !exists.test(name)
                && !access.allowed(AclOperation.CREATE, AclResourceType.TOPIC, name))) {
          denied.add(name);
        } else {
          forwardedNames.add(name);
        }
      }
      if (!denied.isEmpty()) {
        forwarded = q.duplicate();
        forwarded.topics().removeIf(t -> t.name() != null && denied.contains(t.name()));
      }
    }
    boolean narrowedToNothing = !allTopics && !denied.isEmpty() && forwarded.topics().isEmpty();
    return access
        .forward(next, frame, forwarded)
        .thenApply(
            r -> {
              MetadataResponseData data = (MetadataResponseData) r;
              List<MetadataResponseTopic> kept = new ArrayList<>();
              for (MetadataResponseTopic t : data.topics()) {
                boolean wanted =
                    !narrowedToNothing
                        && (allTopics
                            || t.name() == null
                            || forwardedNames.contains(t.name())
                            || !denied.contains(t.name()));
                if (!wanted) {
                  continue;
                }
                if (t.name() != null && !describable(access, t.name())) {
                  if (allTopics) {
                    continue;
                  }
                  // Asked by id: the name is not disclosed (Kafka answers null).
                  boolean byId =
                      requestedIds.contains(t.topicId()) && !forwardedNames.contains(t.name());
                  kept.add(errorTopic(byId ? null : t.name(), t.topicId()));
                  continue;
                }
                MetadataResponseTopic copy = t.duplicate();
                if (q.includeTopicAuthorizedOperations() && t.name() != null) {
                  copy.setTopicAuthorizedOperations(
                      access.operations(AclResourceType.TOPIC, t.name()));
                }
                kept.add(copy);
              }
              denied.forEach(name -> kept.add(errorTopic(name, Uuid.ZERO_UUID)));
              data.topics().clear();
              kept.forEach(data.topics()::add);
              if (q.includeClusterAuthorizedOperations()) {
                data.setClusterAuthorizedOperations(access.clusterOperations());
              }
              return r;
            });
  }

  private static boolean describable(Access access, String topic) {
    return access.allowed(AclOperation.DESCRIBE, AclResourceType.TOPIC, topic);
  }

  private static MetadataResponseTopic errorTopic(String name, Uuid id) {
    return new MetadataResponseTopic()
        .setName(name)
        .setTopicId(id)
        .setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code())
        .setIsInternal(false);
  }
}
