/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.group;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.group.ErrorKind;
import io.kafscale.broker.group.Group;
import io.kafscale.broker.group.GroupCoordinator;
import io.kafscale.broker.group.Member;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.protocol.frame.RequestFrame;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopic;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponsePartition;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponseTopic;
import org.apache.kafka.common.protocol.Errors;

/**
 * OffsetDelete v0: deletes committed offsets of partitions no member consumes;
 * GROUP_SUBSCRIBED_TO_TOPIC for topics in a member's subscription (read from the consumer protocol
 * metadata of the chosen protocol). Thread-safe.
 */
public final class OffsetDeleteHandler implements ApiHandler<OffsetDeleteRequestData> {
  private final GroupCoordinator coordinator;

  public OffsetDeleteHandler(GroupCoordinator coordinator) {
    this.coordinator = coordinator;
  }

  @Override
  public CompletionStage<OffsetDeleteResponseData> handle(
      RequestContext context, RequestFrame frame, OffsetDeleteRequestData request) {
    if (request.groupId() == null || request.groupId().isEmpty()) {
      return CompletableFuture.completedFuture(
          new OffsetDeleteResponseData().setErrorCode(Errors.INVALID_GROUP_ID.code()));
    }
    Set<PartitionRef> requested = new HashSet<>();
    for (OffsetDeleteRequestTopic t : request.topics()) {
      t.partitions().forEach(p -> requested.add(new PartitionRef(t.name(), p.partitionIndex())));
    }
    return coordinator
        .deleteOffsets(request.groupId(), requested, OffsetDeleteHandler::subscribedTopics)
        .handle(
            (result, e) -> {
              OffsetDeleteResponseData data = new OffsetDeleteResponseData();
              if (e != null) {
                return data.setErrorCode(GroupErrors.of(e).code());
              }
              if (result.groupError() != ErrorKind.NONE) {
                return data.setErrorCode(GroupErrors.of(result.groupError()).code());
              }
              for (OffsetDeleteRequestTopic t : request.topics()) {
                OffsetDeleteResponseTopic topic = new OffsetDeleteResponseTopic().setName(t.name());
                t.partitions()
                    .forEach(
                        p ->
                            topic
                                .partitions()
                                .add(
                                    new OffsetDeleteResponsePartition()
                                        .setPartitionIndex(p.partitionIndex())
                                        .setErrorCode(
                                            GroupErrors.of(
                                                    result
                                                        .partitions()
                                                        .getOrDefault(
                                                            new PartitionRef(
                                                                t.name(), p.partitionIndex()),
                                                            ErrorKind.NONE))
                                                .code())));
                data.topics().add(topic);
              }
              return data;
            });
  }

  /** Topics the members subscribe to, from the consumer protocol's subscription metadata. */
  static Set<String> subscribedTopics(Group group) {
    Set<String> topics = new HashSet<>();
    String protocol = group.protocolName().orElse("");
    for (Member m : group.members()) {
      m.metadataFor(protocol)
          .ifPresent(
              bytes -> {
                try {
                  topics.addAll(
                      ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(bytes.toArray()))
                          .topics());
                } catch (RuntimeException e) {
                  // not consumer-protocol metadata: nothing to protect
                }
              });
    }
    return topics;
  }
}
