/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.ApiTestContext;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.api.TestRecords;
import io.kafscale.broker.cluster.ClusterNode;
import io.kafscale.protocol.frame.RequestFrame;
import io.kafscale.storage.log.LogConfig;
import io.kafscale.storage.log.PartitionId;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.log.PartitionLogOpener;
import io.kafscale.storage.log.RecoveredPartition;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListOffsetsHandlerTest {
  private final ApiTestContext ctx = new ApiTestContext();

  @BeforeEach
  void setUp() {
    ctx.createTopic("t", 1, Map.of());
    produce(TestRecords.batch(1000, 1010, 1020));
    produce(TestRecords.batch(1030, 1500, 1040));
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

  private ListOffsetsPartitionResponse lookup(String topic, long timestamp, int version) {
    ListOffsetsRequestData request = new ListOffsetsRequestData().setReplicaId(-1);
    ListOffsetsTopic t = new ListOffsetsTopic().setName(topic);
    t.partitions().add(new ListOffsetsPartition().setPartitionIndex(0).setTimestamp(timestamp));
    request.topics().add(t);
    ListOffsetsResponseData response = ctx.call(ApiKeys.LIST_OFFSETS, version, request);
    return response.topics().getFirst().partitions().getFirst();
  }

  @Test
  void shouldAnswerEarliestLatestAndMaxTimestamp() {
    assertThat(lookup("t", -2, 1).offset()).isZero();
    assertThat(lookup("t", -1, 9).offset()).isEqualTo(6);
    ListOffsetsPartitionResponse max = lookup("t", -3, 9);
    assertThat(max.offset()).isEqualTo(4);
    assertThat(max.timestamp()).isEqualTo(1500);
    assertThat(max.leaderEpoch()).isPositive();
  }

  @Test
  void shouldFindTheFirstRecordAtOrAfterATimestamp() {
    // When
    ListOffsetsPartitionResponse inFirstBatch = lookup("t", 1005, 4);
    ListOffsetsPartitionResponse inSecondBatch = lookup("t", 1035, 4);
    ListOffsetsPartitionResponse none = lookup("t", 2000, 4);
    // Then
    assertThat(inFirstBatch.offset()).isEqualTo(1);
    assertThat(inFirstBatch.timestamp()).isEqualTo(1010);
    assertThat(inSecondBatch.offset()).isEqualTo(4);
    assertThat(none.offset()).isEqualTo(-1);
    assertThat(none.timestamp()).isEqualTo(-1);
  }

  @Test
  void shouldNeverAnswerAnOffsetBelowTheLogStartOffset() throws Exception {
    // Given the stored log reopened with its start offset inside the first batch (offsets 0-2)
    ctx.apis.topics().log("t", 0).orElseThrow().flush().get(10, TimeUnit.SECONDS);
    PartitionLogOpener startAtOne =
        new PartitionLogOpener() {
          @Override
          public PartitionLog open(
              PartitionId id, int epoch, LogConfig config, RecoveredPartition state) {
            return ctx.logs.open(
                id,
                epoch,
                config,
                new RecoveredPartition(
                    1, state.highWatermark(), state.segments(), state.producers()));
          }

          @Override
          public void close() {}
        };
    ctx.node.close();
    try (ClusterNode reopened = ctx.startNode(startAtOne)) {
      ListOffsetsHandler handler = new ListOffsetsHandler(reopened.topics());
      // When a timestamp matches the record at offset 0, below the log start offset
      ListOffsetsRequestData request = new ListOffsetsRequestData().setReplicaId(-1);
      ListOffsetsTopic t = new ListOffsetsTopic().setName("t");
      t.partitions().add(new ListOffsetsPartition().setPartitionIndex(0).setTimestamp(1000));
      request.topics().add(t);
      RequestHeaderData header =
          new RequestHeaderData()
              .setRequestApiKey(ApiKeys.LIST_OFFSETS.id)
              .setRequestApiVersion((short) 4)
              .setCorrelationId(7)
              .setClientId("test");
      RequestFrame frame =
          new RequestFrame(
              ApiKeys.LIST_OFFSETS, (short) 4, header, request, 0, Unpooled.EMPTY_BUFFER);
      ListOffsetsPartitionResponse answer =
          handler
              .handle(new RequestContext(1, null, "test"), frame, request)
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS)
              .topics()
              .getFirst()
              .partitions()
              .getFirst();
      // Then the answer is clamped to the log start offset
      assertThat(answer.errorCode()).isEqualTo(Errors.NONE.code());
      assertThat(answer.offset()).isEqualTo(1);
    }
  }

  @Test
  void shouldAnswerUnknownTopicOrPartition() {
    assertThat(lookup("missing", -1, 7).errorCode())
        .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
  }
}
