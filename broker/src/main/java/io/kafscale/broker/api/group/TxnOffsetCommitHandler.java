/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.group;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.api.TopicIds;
import io.kafscale.broker.group.TxnOffsetCoordinator;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.protocol.frame.RequestFrame;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData.TxnOffsetCommitRequestPartition;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData.TxnOffsetCommitRequestTopic;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData.TxnOffsetCommitResponsePartition;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic;
import org.apache.kafka.common.protocol.Errors;

/**
 * TxnOffsetCommit v0-6 (topics by name until v5, by id from v6: unknown ids answer
 * UNKNOWN_TOPIC_ID): stores the offsets as pending for the group and producer; they become visible
 * when the transaction's commit marker reaches the group's coordinator partition. Unknown topics or
 * partitions answer UNKNOWN_TOPIC_OR_PARTITION, too long metadata OFFSET_METADATA_TOO_LARGE; the
 * rest share the coordinator's answer (NOT_COORDINATOR, and from v3, when member or generation are
 * given, UNKNOWN_MEMBER_ID / ILLEGAL_GENERATION / FENCED_INSTANCE_ID). Thread-safe.
 */
public final class TxnOffsetCommitHandler implements ApiHandler<TxnOffsetCommitRequestData> {
  private static final int MAX_METADATA_LENGTH = 4096;
  private static final short FIRST_TOPIC_ID_VERSION = 6;

  private final TxnOffsetCoordinator coordinator;
  private final TopicManager topics;
  private final Clock clock;

  public TxnOffsetCommitHandler(
      TxnOffsetCoordinator coordinator, TopicManager topics, Clock clock) {
    this.coordinator = coordinator;
    this.topics = topics;
    this.clock = clock;
  }

  @Override
  public CompletionStage<TxnOffsetCommitResponseData> handle(
      RequestContext context, RequestFrame frame, TxnOffsetCommitRequestData request) {
    boolean byId = frame.apiVersion() >= FIRST_TOPIC_ID_VERSION;
    Map<PartitionRef, Errors> early = new HashMap<>();
    Map<PartitionRef, CommittedOffsetRecord> offsets = new HashMap<>();
    Map<TxnOffsetCommitRequestTopic, String> names = new HashMap<>();
    long now = clock.millis();
    for (TxnOffsetCommitRequestTopic t : request.topics()) {
      Optional<TopicRecord> known =
          byId ? topics.topic(TopicIds.fromKafka(t.topicId())) : topics.topic(t.name());
      Optional<String> name = byId ? known.map(TopicRecord::name) : Optional.of(t.name());
      names.put(t, name.orElse(null));
      if (name.isEmpty()) {
        continue; // an unknown topic id: UNKNOWN_TOPIC_ID for each of its partitions
      }
      for (TxnOffsetCommitRequestPartition p : t.partitions()) {
        PartitionRef ref = new PartitionRef(name.get(), p.partitionIndex());
        String metadata = p.committedMetadata() == null ? "" : p.committedMetadata();
        if (known.isEmpty()
            || p.partitionIndex() < 0
            || p.partitionIndex() >= known.get().partitionCount()) {
          early.put(ref, Errors.UNKNOWN_TOPIC_OR_PARTITION);
        } else if (metadata.length() > MAX_METADATA_LENGTH) {
          early.put(ref, Errors.OFFSET_METADATA_TOO_LARGE);
        } else {
          offsets.put(
              ref,
              new CommittedOffsetRecord(
                  p.committedOffset(), p.committedLeaderEpoch(), metadata, now));
        }
      }
    }
    CompletableFuture<Errors> outcome;
    if (request.groupId() == null || request.groupId().isEmpty()) {
      outcome = CompletableFuture.completedFuture(Errors.INVALID_GROUP_ID);
    } else {
      // Fields of v3+ keep their defaults ("" and -1) in older versions: no member checks then.
      outcome =
          coordinator
              .commit(
                  request.groupId(),
                  request.producerId(),
                  request.producerEpoch(),
                  request.memberId() == null ? "" : request.memberId(),
                  Optional.ofNullable(request.groupInstanceId()),
                  request.generationIdOrMemberEpoch(),
                  offsets)
              .handle((kind, e) -> e != null ? GroupErrors.of(e) : GroupErrors.of(kind));
    }
    return outcome.thenApply(
        error -> response(request, byId, names::get, ref -> early.getOrDefault(ref, error)));
  }

  private static TxnOffsetCommitResponseData response(
      TxnOffsetCommitRequestData request,
      boolean byId,
      Function<TxnOffsetCommitRequestTopic, String> names,
      Function<PartitionRef, Errors> errors) {
    TxnOffsetCommitResponseData data = new TxnOffsetCommitResponseData();
    for (TxnOffsetCommitRequestTopic t : request.topics()) {
      TxnOffsetCommitResponseTopic topic = new TxnOffsetCommitResponseTopic();
      if (byId) {
        topic.setTopicId(t.topicId());
      } else {
        topic.setName(t.name());
      }
      String name = names.apply(t);
      for (TxnOffsetCommitRequestPartition p : t.partitions()) {
        Errors error =
            name == null
                ? Errors.UNKNOWN_TOPIC_ID
                : errors.apply(new PartitionRef(name, p.partitionIndex()));
        topic
            .partitions()
            .add(
                new TxnOffsetCommitResponsePartition()
                    .setPartitionIndex(p.partitionIndex())
                    .setErrorCode(error.code()));
      }
      data.topics().add(topic);
    }
    return data;
  }
}
