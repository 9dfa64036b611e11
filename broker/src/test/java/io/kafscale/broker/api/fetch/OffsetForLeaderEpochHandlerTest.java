/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.ApiTestContext;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.api.TestRecords;
import io.kafscale.broker.cluster.ClusterNode;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.protocol.codec.KafkaFrameEncoder;
import io.kafscale.protocol.frame.RequestFrame;
import io.kafscale.protocol.frame.ResponseFrame;
import io.kafscale.storage.log.PartitionLog;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderPartition;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderTopic;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.EpochEndOffset;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OffsetForLeaderEpochHandlerTest {
  private final ApiTestContext ctx = new ApiTestContext();
  private int epoch;

  @BeforeEach
  void setUp() {
    // Given a partition holding offsets 0-5, written by this broker's epoch
    ctx.createTopic("t", 2, Map.of());
    produce(TestRecords.batch(1000, 1010, 1020));
    produce(TestRecords.batch(1030, 1040, 1050));
    epoch = ctx.apis.topics().log("t", 0).orElseThrow().epoch();
  }

  @AfterEach
  void tearDown() {
    ctx.close();
  }

  private void produce(ByteBuffer batch) {
    ProduceRequestData request = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000);
    TopicProduceData data = new TopicProduceData().setName("t");
    data.partitionData().add(TestRecords.partition(0, batch));
    request.topicData().add(data);
    ctx.call(ApiKeys.PRODUCE, 9, request);
  }

  private static OffsetForLeaderEpochRequestData request(
      String topic, int partition, int currentLeaderEpoch, int leaderEpoch) {
    OffsetForLeaderTopic t = new OffsetForLeaderTopic().setTopic(topic);
    t.partitions()
        .add(
            new OffsetForLeaderPartition()
                .setPartition(partition)
                .setCurrentLeaderEpoch(currentLeaderEpoch)
                .setLeaderEpoch(leaderEpoch));
    OffsetForLeaderEpochRequestData request = new OffsetForLeaderEpochRequestData();
    request.topics().add(t);
    return request;
  }

  private EpochEndOffset call(int version, OffsetForLeaderEpochRequestData request) {
    OffsetForLeaderEpochResponseData response =
        ctx.call(ApiKeys.OFFSET_FOR_LEADER_EPOCH, version, request);
    return response.topics().iterator().next().partitions().getFirst();
  }

  /** Calls a handler over another topic manager, encoding the response as the broker would. */
  private static EpochEndOffset callDirect(
      TopicManager topics, OffsetForLeaderEpochRequestData request) throws Exception {
    short version = 4;
    RequestHeaderData header =
        new RequestHeaderData()
            .setRequestApiKey(ApiKeys.OFFSET_FOR_LEADER_EPOCH.id)
            .setRequestApiVersion(version)
            .setCorrelationId(7)
            .setClientId("test");
    RequestFrame frame =
        new RequestFrame(
            ApiKeys.OFFSET_FOR_LEADER_EPOCH, version, header, request, 0, Unpooled.EMPTY_BUFFER);
    OffsetForLeaderEpochResponseData response =
        new OffsetForLeaderEpochHandler(topics)
            .handle(new RequestContext(1, null, "test"), frame, request)
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    KafkaFrameEncoder.encode(
            UnpooledByteBufAllocator.DEFAULT,
            new ResponseFrame(ApiKeys.OFFSET_FOR_LEADER_EPOCH, version, 7, response))
        .release();
    return response.topics().iterator().next().partitions().getFirst();
  }

  private static void assertAnswer(EpochEndOffset answer, Errors error, int epoch, long offset) {
    assertThat(answer.errorCode()).as("error").isEqualTo(error.code());
    assertThat(answer.leaderEpoch()).as("leader epoch").isEqualTo(epoch);
    assertThat(answer.endOffset()).as("end offset").isEqualTo(offset);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4})
  void shouldEndTheCurrentEpochAtTheHighWatermark(int version) {
    // When
    EpochEndOffset answer = call(version, request("t", 0, epoch, epoch));
    // Then
    assertThat(answer.partition()).isZero();
    assertAnswer(answer, Errors.NONE, epoch, 6);
  }

  @Test
  void shouldAnswerWithoutACurrentLeaderEpoch() {
    assertAnswer(call(4, request("t", 0, -1, epoch)), Errors.NONE, epoch, 6);
  }

  @Test
  void shouldAnswerUndefinedForAnEpochNewerThanTheLog() {
    // When a consumer asks about an epoch this log never had
    EpochEndOffset answer = call(4, request("t", 0, -1, epoch + 1));
    // Then, as in Kafka, no error but no epoch and no offset
    assertAnswer(answer, Errors.NONE, -1, -1);
  }

  @Test
  void shouldAnswerTheLogsFirstOffsetForAnEpochOlderThanTheLog() {
    assertAnswer(call(4, request("t", 0, -1, epoch - 1)), Errors.NONE, epoch - 1, 0);
  }

  @Test
  void shouldEndAnEarlierOwnersEpochWhereTheNextOwnerStarted() throws Exception {
    // Given the partition handed to a new owner (a higher epoch) that writes one more batch
    ctx.node.close();
    try (ClusterNode next = ctx.startNode(ctx.logs)) {
      PartitionLog log = next.topics().log("t", 0).orElseThrow();
      int newEpoch = log.epoch();
      log.append(TestRecords.batch(2000, 2010)).get(10, TimeUnit.SECONDS);
      // When
      EpochEndOffset previous = callDirect(next.topics(), request("t", 0, newEpoch, epoch));
      EpochEndOffset current = callDirect(next.topics(), request("t", 0, newEpoch, newEpoch));
      EpochEndOffset stale = callDirect(next.topics(), request("t", 0, epoch, epoch));
      // Then
      assertThat(newEpoch).isGreaterThan(epoch);
      assertAnswer(previous, Errors.NONE, epoch, 6);
      assertAnswer(current, Errors.NONE, newEpoch, 8);
      assertAnswer(stale, Errors.FENCED_LEADER_EPOCH, -1, -1);
    }
  }

  @Test
  void shouldFenceAConsumerWithAnOlderCurrentLeaderEpoch() {
    assertAnswer(call(4, request("t", 0, epoch - 1, epoch)), Errors.FENCED_LEADER_EPOCH, -1, -1);
  }

  @Test
  void shouldRejectACurrentLeaderEpochThisBrokerDoesNotKnowYet() {
    assertAnswer(call(4, request("t", 0, epoch + 1, epoch)), Errors.UNKNOWN_LEADER_EPOCH, -1, -1);
  }

  @Test
  void shouldAnswerUnknownTopicOrPartition() {
    assertAnswer(call(4, request("missing", 0, -1, 0)), Errors.UNKNOWN_TOPIC_OR_PARTITION, -1, -1);
    assertAnswer(call(3, request("t", 2, -1, 0)), Errors.UNKNOWN_TOPIC_OR_PARTITION, -1, -1);
    assertAnswer(call(2, request("t", -1, -1, 0)), Errors.UNKNOWN_TOPIC_OR_PARTITION, -1, -1);
  }

  @Test
  void shouldAnswerNotLeaderForAPartitionThisBrokerNoLongerOwns() {
    // Given this broker released its partitions
    ctx.node.close();
    // When
    EpochEndOffset answer = call(4, request("t", 0, -1, epoch));
    // Then
    assertAnswer(answer, Errors.NOT_LEADER_OR_FOLLOWER, -1, -1);
  }

  @Test
  void shouldAnswerAReplicaIdLikeAConsumer() {
    // Given a request carrying a broker id (v3+), as a follower would send
    OffsetForLeaderEpochRequestData fromReplica = request("t", 0, epoch, epoch).setReplicaId(2);
    OffsetForLeaderEpochRequestData fromConsumer = request("t", 0, epoch, epoch).setReplicaId(-1);
    // Then both get the leader's answer: there are no followers, replica id only picks the ACL
    assertThat(call(3, fromReplica)).isEqualTo(call(3, fromConsumer));
    assertAnswer(call(4, fromReplica), Errors.NONE, epoch, 6);
  }

  @Test
  void shouldAnswerEveryRequestedPartitionOfEveryTopic() {
    // Given
    OffsetForLeaderEpochRequestData request = request("t", 0, -1, epoch);
    request
        .topics()
        .find("t")
        .partitions()
        .add(new OffsetForLeaderPartition().setPartition(1).setLeaderEpoch(epoch));
    request.topics().add(new OffsetForLeaderTopic().setTopic("missing"));
    request
        .topics()
        .find("missing")
        .partitions()
        .add(new OffsetForLeaderPartition().setPartition(0).setLeaderEpoch(epoch));
    // When
    OffsetForLeaderEpochResponseData response =
        ctx.call(ApiKeys.OFFSET_FOR_LEADER_EPOCH, 4, request);
    // Then
    assertThat(response.topics()).hasSize(2);
    var t = response.topics().find("t").partitions();
    assertThat(t).extracting(EpochEndOffset::partition).containsExactly(0, 1);
    assertAnswer(t.get(0), Errors.NONE, epoch, 6);
    int epochOfOne = ctx.apis.topics().log("t", 1).orElseThrow().epoch();
    assertAnswer(t.get(1), Errors.NONE, epochOfOne, 0);
    assertAnswer(
        response.topics().find("missing").partitions().getFirst(),
        Errors.UNKNOWN_TOPIC_OR_PARTITION,
        -1,
        -1);
  }
}
