/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.produce;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.ApiMeters;
import io.kafscale.broker.api.ErrorMapping;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.api.TopicIds;
import io.kafscale.broker.cluster.ClusterView;
import io.kafscale.broker.group.CoordinatorPartitions;
import io.kafscale.broker.partition.Scheduler;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.broker.txn.TransactionPartitions;
import io.kafscale.broker.txn.TransactionalProduceGate;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.protocol.frame.RequestFrame;
import io.kafscale.protocol.records.RecordBatches;
import io.kafscale.storage.log.PartitionLog;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.LeaderIdAndEpoch;
import org.apache.kafka.common.message.ProduceResponseData.NodeEndpoint;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.message.ProduceResponseData.TopicProduceResponse;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * Produce v3+: appends each partition's batches to its log and answers once every append is
 * committed, or at the request's timeout with REQUEST_TIMED_OUT for partitions still pending (the
 * append may still commit, as in Kafka). acks=0 appends but yields no response. Topics are named
 * before v13 and addressed by id from v13; Produce never auto-creates topics. Transactional produce
 * is appended like any other (the log tracks the open transaction) when transactions are enabled,
 * and otherwise refused per partition with UNSUPPORTED_VERSION (clients fail fatally and show the
 * message). With a {@link TransactionalProduceGate}, a transactional batch is appended only once
 * the transaction coordinator confirmed its partition is in the transaction (KIP-890 part 1).
 * Thread-safe.
 */
public final class ProduceHandler implements ApiHandler<ProduceRequestData> {
  static final String TRANSACTIONS_UNSUPPORTED =
      "Transactions are not supported by this broker yet";

  /** First Produce version with the new-leader hint of KIP-951. */
  private static final short LEADER_HINT_VERSION = 10;

  private final TopicManager topics;
  private final ClusterView cluster;
  private final ApiMeters meters;
  private final Scheduler scheduler;

  private final boolean transactions;
  private final Optional<TransactionalProduceGate> txnGate;

  public ProduceHandler(
      TopicManager topics, ClusterView cluster, ApiMeters meters, Scheduler scheduler) {
    this(topics, cluster, meters, scheduler, false);
  }

  /** With {@code transactions}: whether transactional produce is accepted. */
  public ProduceHandler(
      TopicManager topics,
      ClusterView cluster,
      ApiMeters meters,
      Scheduler scheduler,
      boolean transactions) {
    this(topics, cluster, meters, scheduler, transactions, Optional.empty());
  }

  /** Transactional produce accepted, verified through {@code txnGate} (KIP-890 part 1). */
  public ProduceHandler(
      TopicManager topics,
      ClusterView cluster,
      ApiMeters meters,
      Scheduler scheduler,
      TransactionalProduceGate txnGate) {
    this(topics, cluster, meters, scheduler, true, Optional.of(txnGate));
  }

  private ProduceHandler(
      TopicManager topics,
      ClusterView cluster,
      ApiMeters meters,
      Scheduler scheduler,
      boolean transactions,
      Optional<TransactionalProduceGate> txnGate) {
    this.transactions = transactions;
    this.txnGate = txnGate;
    this.topics = topics;
    this.cluster = cluster;
    this.meters = meters;
    this.scheduler = scheduler;
  }

  /** One partition's pending answer, tagged with where it goes in the response. */
  private record Slot(
      TopicProduceData topic, int index, CompletableFuture<PartitionProduceResponse> answer) {}

  @Override
  public CompletionStage<? extends ApiMessage> handle(
      RequestContext context, RequestFrame frame, ProduceRequestData request) {
    short version = frame.apiVersion();
    // The batches are views of the request frame: keep it alive until every append settles, even
    // when the response leaves earlier (timeout) and the caller closes the frame.
    frame.buffer().retain();
    List<Slot> slots = new ArrayList<>();
    try {
      addSlots(request, version, slots);
    } catch (RuntimeException e) {
      // Appends already started still read the batches: release once they settle.
      settled(slots).whenComplete((v, x) -> frame.buffer().release());
      throw e;
    }
    CompletableFuture<Void> all = settled(slots);
    all.whenComplete((v, e) -> frame.buffer().release());
    if (request.acks() == 0) {
      return all.handle((v, e) -> null);
    }
    CompletableFuture<ApiMessage> response = new CompletableFuture<>();
    Scheduler.Cancellable timer =
        request.timeoutMs() > 0
            ? scheduler.schedule(
                Duration.ofMillis(request.timeoutMs()),
                () -> response.complete(respond(slots, version)))
            : () -> {};
    all.whenComplete(
        (v, e) -> {
          timer.cancel();
          response.complete(respond(slots, version));
        });
    return response;
  }

  private static CompletableFuture<Void> settled(List<Slot> slots) {
    return CompletableFuture.allOf(
        slots.stream().map(Slot::answer).toArray(CompletableFuture[]::new));
  }

  /** Starts one append per partition of the request, adding each with its future answer. */
  private void addSlots(ProduceRequestData request, short version, List<Slot> slots) {
    for (TopicProduceData topicData : request.topicData()) {
      Optional<TopicRecord> topic =
          version >= 13
              ? topics.topic(TopicIds.fromKafka(topicData.topicId()))
              : topics.topic(topicData.name());
      Errors unknown = version >= 13 ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
      for (PartitionProduceData data : topicData.partitionData()) {
        CompletableFuture<PartitionProduceResponse> answer =
            request.transactionalId() != null && !transactions
                ? CompletableFuture.completedFuture(
                    error(data.index(), Errors.UNSUPPORTED_VERSION, TRANSACTIONS_UNSUPPORTED))
                : topic
                    .map(t -> append(t, data, version, request.transactionalId()))
                    .orElseGet(
                        () ->
                            CompletableFuture.completedFuture(error(data.index(), unknown, null)));
        slots.add(new Slot(topicData, data.index(), answer));
      }
    }
  }

  private CompletableFuture<PartitionProduceResponse> append(
      TopicRecord topic, PartitionProduceData data, short version, String transactionalId) {
    int index = data.index();
    if (CoordinatorPartitions.TOPIC.equals(topic.name())
        || TransactionPartitions.TOPIC.equals(topic.name())) {
      // As Kafka: clients may not append to internal topics (internalTopicsAllowed = false).
      return CompletableFuture.completedFuture(error(index, Errors.INVALID_TOPIC_EXCEPTION, null));
    }
    if (index < 0 || index >= topic.partitionCount()) {
      return CompletableFuture.completedFuture(
          error(index, Errors.UNKNOWN_TOPIC_OR_PARTITION, null));
    }
    Optional<PartitionLog> log = topics.log(topic.name(), index);
    if (log.isEmpty()) {
      return CompletableFuture.completedFuture(notLeader(topic.name(), index, version));
    }
    ByteBuffer records;
    try {
      records = RecordBatches.produceRecords(data.records());
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(
          error(index, Errors.CORRUPT_MESSAGE, e.getMessage()));
    }
    if (transactionalId != null && txnGate.isPresent()) {
      ByteBuffer verified = records;
      return txnGate
          .get()
          .admit(
              transactionalId,
              log.get(),
              new PartitionRef(topic.name(), index),
              records,
              version,
              r -> error(index, r.error(), r.message()),
              () -> append(topic, log.get(), index, verified));
    }
    return append(topic, log.get(), index, records);
  }

  private CompletableFuture<PartitionProduceResponse> append(
      TopicRecord topic, PartitionLog log, int index, ByteBuffer records) {
    int bytes = records.remaining();
    CompletableFuture<PartitionProduceResponse> appended;
    try {
      appended =
          log.append(records)
              .thenApply(
                  r -> {
                    meters.bytesIn(topic.name(), bytes);
                    meters.messagesIn(topic.name(), r.lastOffset() - r.baseOffset() + 1);
                    return new PartitionProduceResponse()
                        .setIndex(index)
                        .setErrorCode(Errors.NONE.code())
                        .setBaseOffset(r.baseOffset())
                        .setLogAppendTimeMs(r.logAppendTimeMs())
                        .setLogStartOffset(r.logStartOffset());
                  });
    } catch (RuntimeException e) {
      appended = CompletableFuture.failedFuture(e);
    }
    return appended.exceptionally(e -> error(index, ErrorMapping.of(e), ErrorMapping.message(e)));
  }

  /** NOT_LEADER_OR_FOLLOWER with the live owner as the new leader (KIP-951, v10+) when known. */
  private PartitionProduceResponse notLeader(String topic, int index, short version) {
    PartitionProduceResponse response = error(index, Errors.NOT_LEADER_OR_FOLLOWER, null);
    if (version >= LEADER_HINT_VERSION) {
      cluster
          .leader(topic, index)
          .ifPresent(
              l ->
                  response.setCurrentLeader(
                      new LeaderIdAndEpoch()
                          .setLeaderId(l.broker().brokerId())
                          .setLeaderEpoch(l.epoch())));
    }
    return response;
  }

  private PartitionProduceResponse error(int index, Errors error, String message) {
    meters.produceError(error);
    return new PartitionProduceResponse()
        .setIndex(index)
        .setErrorCode(error.code())
        .setBaseOffset(-1)
        .setLogAppendTimeMs(-1)
        .setLogStartOffset(-1)
        .setErrorMessage(message);
  }

  private void addEndpoint(ProduceResponseData response, int brokerId) {
    if (brokerId < 0 || response.nodeEndpoints().find(brokerId) != null) {
      return;
    }
    cluster.brokers().stream()
        .filter(b -> b.brokerId() == brokerId)
        .findFirst()
        .ifPresent(
            b ->
                response
                    .nodeEndpoints()
                    .add(
                        new NodeEndpoint()
                            .setNodeId(b.brokerId())
                            .setHost(b.host())
                            .setPort(b.port())
                            .setRack(b.rack().orElse(null))));
  }

  /** The response from what is known now; partitions still pending answer REQUEST_TIMED_OUT. */
  private ProduceResponseData respond(List<Slot> slots, short version) {
    ProduceResponseData response = new ProduceResponseData().setThrottleTimeMs(0);
    TopicProduceResponse current = null;
    TopicProduceData currentTopic = null;
    for (Slot slot : slots) {
      if (slot.topic() != currentTopic) {
        currentTopic = slot.topic();
        current = new TopicProduceResponse();
        if (version >= 13) {
          current.setTopicId(currentTopic.topicId());
        } else {
          current.setName(currentTopic.name());
        }
        response.responses().add(current);
      }
      PartitionProduceResponse p = slot.answer().getNow(null);
      if (p == null) {
        p = timedOut(slot);
      }
      current.partitionResponses().add(version >= 8 ? p : p.duplicate().setErrorMessage(null));
      addEndpoint(response, p.currentLeader().leaderId());
    }
    return response;
  }

  private PartitionProduceResponse timedOut(Slot slot) {
    return new PartitionProduceResponse()
        .setIndex(slot.index())
        .setErrorCode(Errors.REQUEST_TIMED_OUT.code())
        .setBaseOffset(-1)
        .setLogAppendTimeMs(-1)
        .setLogStartOffset(-1);
  }
}
