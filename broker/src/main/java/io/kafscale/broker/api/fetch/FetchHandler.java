/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.fetch;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.ApiMeters;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.api.TopicIds;
import io.kafscale.broker.cluster.ClusterView;
import io.kafscale.broker.partition.FetchWaiter;
import io.kafscale.broker.partition.Scheduler;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.protocol.frame.RequestFrame;
import io.kafscale.storage.log.PartitionLog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchRequestData.FetchPartition;
import org.apache.kafka.common.message.FetchRequestData.FetchTopic;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.message.FetchResponseData.LeaderIdAndEpoch;
import org.apache.kafka.common.message.FetchResponseData.NodeEndpoint;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.Errors;

/**
 * Fetch v4+: reads committed batches per partition within the partition and response byte limits
 * and answers with high watermark, last stable offset and log start offset; read_committed fetches
 * (isolation level 1) read only below the last stable offset and carry the aborted transactions
 * overlapping their data. Topics are named before v13 and addressed by id from v13. Fetch sessions
 * are not kept: session id 0 gets full responses with session id 0; an incremental request naming a
 * session gets FETCH_SESSION_ID_NOT_FOUND (clients then fall back to full fetches).
 *
 * <p>Long poll: when fewer than min bytes were read, max wait is positive and no partition failed,
 * the fetch parks in a {@link FetchWaiter} and reads again when a high watermark moves (parking
 * again for the rest of the wait if still short) or answers what it has when max wait passes. The
 * last stable offset only moves with a commit (a marker takes an offset), so waking on high
 * watermark moves also wakes read_committed fetches when it moves. Thread-safe.
 */
public final class FetchHandler implements ApiHandler<FetchRequestData> {
  /** First Fetch version with a partition's current leader; node endpoints follow from v16. */
  private static final short LEADER_HINT_VERSION = 12;

  private static final short NODE_ENDPOINTS_VERSION = 16;

  /** FetchRequest isolation_level of read_committed consumers. */
  private static final byte READ_COMMITTED = 1;

  private final TopicManager topics;
  private final ClusterView cluster;
  private final ApiMeters meters;
  private final Scheduler scheduler;
  private final Clock clock;

  public FetchHandler(
      TopicManager topics,
      ClusterView cluster,
      ApiMeters meters,
      Scheduler scheduler,
      Clock clock) {
    this.topics = topics;
    this.cluster = cluster;
    this.meters = meters;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  @Override
  public CompletionStage<FetchResponseData> handle(
      RequestContext context, RequestFrame frame, FetchRequestData request) {
    short version = frame.apiVersion();
    if (request.sessionId() != 0) {
      return CompletableFuture.completedFuture(
          new FetchResponseData()
              .setErrorCode(Errors.FETCH_SESSION_ID_NOT_FOUND.code())
              .setSessionId(0));
    }
    List<FetchTarget> targets = resolve(request, version);
    long deadline = clock.millis() + Math.max(0, request.maxWaitMs());
    return fetch(targets, request, deadline)
        .thenApply(round -> respond(request, targets, round, version));
  }

  private CompletableFuture<FetchRound> fetch(
      List<FetchTarget> targets, FetchRequestData request, long deadline) {
    boolean readCommitted = request.isolationLevel() == READ_COMMITTED;
    return FetchRound.run(targets, request.maxBytes(), meters, readCommitted)
        .thenCompose(
            round -> {
              long remaining = deadline - clock.millis();
              if (round.bytes() >= request.minBytes()
                  || remaining <= 0
                  || round.anyError()
                  || round.seenHighWatermarks().isEmpty()) {
                return CompletableFuture.completedFuture(round);
              }
              FetchWaiter waiter =
                  FetchWaiter.park(
                      round.seenHighWatermarks(), Duration.ofMillis(remaining), scheduler);
              return waiter
                  .result()
                  .thenCompose(
                      wake ->
                          wake == FetchWaiter.Wake.TIMEOUT
                              ? FetchRound.run(targets, request.maxBytes(), meters, readCommitted)
                              : fetch(targets, request, deadline));
            });
  }

  private List<FetchTarget> resolve(FetchRequestData request, short version) {
    List<FetchTarget> targets = new ArrayList<>();
    for (FetchTopic topic : request.topics()) {
      Optional<TopicRecord> record =
          version >= 13
              ? topics.topic(TopicIds.fromKafka(topic.topicId()))
              : topics.topic(topic.topic());
      Errors unknown = version >= 13 ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
      for (FetchPartition partition : topic.partitions()) {
        if (record.isEmpty()) {
          targets.add(FetchTarget.failed(topic, partition, unknown));
          continue;
        }
        TopicRecord t = record.get();
        int index = partition.partition();
        if (index < 0 || index >= t.partitionCount()) {
          targets.add(FetchTarget.failed(topic, partition, Errors.UNKNOWN_TOPIC_OR_PARTITION));
          continue;
        }
        Optional<PartitionLog> log = topics.log(t.name(), index);
        targets.add(
            log.isEmpty()
                ? FetchTarget.notLeader(topic, partition, t.name())
                : new FetchTarget(topic, partition, t.name(), log.get(), null));
      }
    }
    return targets;
  }

  private FetchResponseData respond(
      FetchRequestData request, List<FetchTarget> targets, FetchRound round, short version) {
    FetchResponseData response =
        new FetchResponseData()
            .setThrottleTimeMs(0)
            .setErrorCode(Errors.NONE.code())
            .setSessionId(0);
    Iterator<PartitionData> results = round.results().iterator();
    FetchTopic currentTopic = null;
    FetchableTopicResponse current = null;
    for (FetchTarget target : targets) {
      if (target.topic() != currentTopic) {
        currentTopic = target.topic();
        current = new FetchableTopicResponse();
        if (version >= 13) {
          current.setTopicId(currentTopic.topicId());
        } else {
          current.setTopic(currentTopic.topic());
        }
        response.responses().add(current);
      }
      PartitionData data = results.next();
      if (target.error() == Errors.NOT_LEADER_OR_FOLLOWER && version >= LEADER_HINT_VERSION) {
        addLeaderHint(response, data, target.topicName(), version);
      }
      current.partitions().add(data);
    }
    return response;
  }

  /** The live owner as the partition's current leader (KIP-951), with its endpoint from v16. */
  private void addLeaderHint(
      FetchResponseData response, PartitionData data, String topic, short version) {
    cluster
        .leader(topic, data.partitionIndex())
        .ifPresent(
            l -> {
              data.setCurrentLeader(
                  new LeaderIdAndEpoch()
                      .setLeaderId(l.broker().brokerId())
                      .setLeaderEpoch(l.epoch()));
              if (version >= NODE_ENDPOINTS_VERSION
                  && response.nodeEndpoints().find(l.broker().brokerId()) == null) {
                response
                    .nodeEndpoints()
                    .add(
                        new NodeEndpoint()
                            .setNodeId(l.broker().brokerId())
                            .setHost(l.broker().host())
                            .setPort(l.broker().port())
                            .setRack(l.broker().rack().orElse(null)));
              }
            });
  }
}
