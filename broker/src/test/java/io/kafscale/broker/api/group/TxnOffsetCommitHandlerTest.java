/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.ApiTestContext;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.group.CoordinatorPartitions;
import io.kafscale.metadata.registry.store.StoreTxnOffsetRegistry;
import io.kafscale.protocol.frame.RequestFrame;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData.TxnOffsetCommitRequestPartition;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData.TxnOffsetCommitRequestTopic;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarker;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarkerTopic;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TxnOffsetCommit (called on its handler: the API is not registered yet) and the transaction
 * markers that complete it, through KafkaApis' WriteTxnMarkers on {@code __consumer_offsets}.
 */
class TxnOffsetCommitHandlerTest {
  private static final long PID = 9;
  private final ApiTestContext ctx = new ApiTestContext();
  private final TxnOffsetCommitHandler handler =
      new TxnOffsetCommitHandler(
          ctx.apis
              .groups()
              .transactionalOffsets(
                  new StoreTxnOffsetRegistry(ctx.metadata.store(), ctx.metadata.keys())),
          ctx.node.topics(),
          ctx.clock);

  @AfterEach
  void tearDown() {
    ctx.close();
  }

  private TxnOffsetCommitResponseData txnCommit(int version, TxnOffsetCommitRequestData request) {
    RequestHeaderData header =
        new RequestHeaderData()
            .setRequestApiKey(ApiKeys.TXN_OFFSET_COMMIT.id)
            .setRequestApiVersion((short) version)
            .setClientId("test");
    RequestFrame frame =
        new RequestFrame(
            ApiKeys.TXN_OFFSET_COMMIT, (short) version, header, request, 0, Unpooled.EMPTY_BUFFER);
    return handler
        .handle(new RequestContext(1, null, "test"), frame, request)
        .toCompletableFuture()
        .join();
  }

  private static TxnOffsetCommitRequestData request(
      String group, TxnOffsetCommitRequestTopic topic) {
    return new TxnOffsetCommitRequestData()
        .setTransactionalId("tx")
        .setGroupId(group)
        .setProducerId(PID)
        .setProducerEpoch((short) 0)
        .setTopics(List.of(topic));
  }

  private static TxnOffsetCommitRequestTopic topic(String name, int partition, long offset) {
    return new TxnOffsetCommitRequestTopic()
        .setName(name)
        .setPartitions(
            List.of(
                new TxnOffsetCommitRequestPartition()
                    .setPartitionIndex(partition)
                    .setCommittedOffset(offset)));
  }

  private static short errorOf(TxnOffsetCommitResponseData response) {
    return response.topics().getFirst().partitions().getFirst().errorCode();
  }

  private Errors marker(String group, boolean commit) {
    WriteTxnMarkersRequestData request =
        new WriteTxnMarkersRequestData()
            .setMarkers(
                List.of(
                    new WritableTxnMarker()
                        .setProducerId(PID)
                        .setProducerEpoch((short) 0)
                        .setTransactionResult(commit)
                        .setCoordinatorEpoch(1)
                        .setTopics(
                            List.of(
                                new WritableTxnMarkerTopic()
                                    .setName(CoordinatorPartitions.TOPIC)
                                    .setPartitionIndexes(
                                        List.of(ctx.apis.groups().partitionFor(group)))))));
    WriteTxnMarkersResponseData response =
        ctx.call(
            ApiKeys.WRITE_TXN_MARKERS, ApiKeys.WRITE_TXN_MARKERS.latestVersion(false), request);
    return Errors.forCode(
        response.markers().getFirst().topics().getFirst().partitions().getFirst().errorCode());
  }

  private long fetched(String group) {
    return fetchedPartition(group, false).committedOffset();
  }

  private OffsetFetchResponseData.OffsetFetchResponsePartitions fetchedPartition(
      String group, boolean requireStable) {
    OffsetFetchRequestData request =
        new OffsetFetchRequestData()
            .setRequireStable(requireStable)
            .setGroups(
                List.of(
                    new OffsetFetchRequestGroup()
                        .setGroupId(group)
                        .setTopics(
                            List.of(
                                new OffsetFetchRequestTopics()
                                    .setName("t")
                                    .setPartitionIndexes(List.of(0))))));
    OffsetFetchResponseData response = ctx.call(ApiKeys.OFFSET_FETCH, 8, request);
    return response.groups().getFirst().topics().getFirst().partitions().getFirst();
  }

  @Test
  void shouldAnswerUnstableOffsetCommitToStableFetchesWhilePendingOffsetsWait() {
    // Given
    ctx.createTopic("t", 2, Map.of());
    txnCommit(5, request("stable", topic("t", 0, 41)));
    // When
    OffsetFetchResponseData.OffsetFetchResponsePartitions pending =
        fetchedPartition("stable", true);
    OffsetFetchResponseData.OffsetFetchResponsePartitions unstableAllowed =
        fetchedPartition("stable", false);
    marker("stable", true);
    OffsetFetchResponseData.OffsetFetchResponsePartitions committed =
        fetchedPartition("stable", true);
    // Then
    assertThat(pending.errorCode()).isEqualTo(Errors.UNSTABLE_OFFSET_COMMIT.code());
    assertThat(pending.committedOffset()).isEqualTo(-1L);
    assertThat(unstableAllowed.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(committed.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(committed.committedOffset()).isEqualTo(41L);
  }

  @Test
  void shouldMakeOffsetsVisibleOnlyWhenTheCommitMarkerReachesTheOffsetsPartition() {
    // Given
    ctx.createTopic("t", 2, Map.of());
    for (int v = 0; v <= 5; v++) {
      String group = "committed-" + v;
      // When
      TxnOffsetCommitResponseData response = txnCommit(v, request(group, topic("t", 0, 30 + v)));
      // Then
      assertThat(errorOf(response)).as("v%d", v).isEqualTo(Errors.NONE.code());
      assertThat(fetched(group)).as("before marker v%d", v).isEqualTo(-1L);
      assertThat(marker(group, true)).isEqualTo(Errors.NONE);
      assertThat(fetched(group)).as("after marker v%d", v).isEqualTo(30L + v);
    }
  }

  @Test
  void shouldDropOffsetsWhenTheAbortMarkerArrives() {
    // Given
    ctx.createTopic("t", 2, Map.of());
    txnCommit(5, request("aborted", topic("t", 0, 77)));
    // When
    Errors abort = marker("aborted", false);
    Errors lateCommit = marker("aborted", true);
    // Then
    assertThat(abort).isEqualTo(Errors.NONE);
    assertThat(lateCommit).isEqualTo(Errors.NONE);
    assertThat(fetched("aborted")).isEqualTo(-1L);
  }

  @Test
  void shouldAcceptTopicIdsFromVersionSix() {
    // Given
    Uuid id = ctx.createTopic("t", 2, Map.of()).topicId();
    TxnOffsetCommitRequestTopic byId = topic("t", 0, 12).setName("").setTopicId(id);
    TxnOffsetCommitRequestTopic unknownId =
        topic("t", 0, 12).setName("").setTopicId(Uuid.randomUuid());
    // When
    TxnOffsetCommitResponseData known = txnCommit(6, request("by-id", byId));
    TxnOffsetCommitResponseData unknown = txnCommit(6, request("by-id", unknownId));
    // Then
    assertThat(errorOf(known)).isEqualTo(Errors.NONE.code());
    assertThat(known.topics().getFirst().topicId()).isEqualTo(id);
    assertThat(errorOf(unknown)).isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());
    assertThat(marker("by-id", true)).isEqualTo(Errors.NONE);
    assertThat(fetched("by-id")).isEqualTo(12L);
  }

  @Test
  void shouldAnswerUnknownTopicOrPartitionAndMemberErrors() {
    // Given
    ctx.createTopic("t", 2, Map.of());
    // When
    TxnOffsetCommitResponseData missingTopic = txnCommit(3, request("g", topic("missing", 0, 1)));
    TxnOffsetCommitResponseData missingPartition = txnCommit(3, request("g", topic("t", 5, 1)));
    TxnOffsetCommitResponseData unknownMember =
        txnCommit(
            3, request("g", topic("t", 0, 1)).setMemberId("ghost").setGenerationIdOrMemberEpoch(1));
    TxnOffsetCommitResponseData noGroupId = txnCommit(3, request("", topic("t", 0, 1)));
    // Then
    assertThat(errorOf(missingTopic)).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    assertThat(errorOf(missingPartition)).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    assertThat(errorOf(unknownMember)).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
    assertThat(errorOf(noGroupId)).isEqualTo(Errors.INVALID_GROUP_ID.code());
  }
}
