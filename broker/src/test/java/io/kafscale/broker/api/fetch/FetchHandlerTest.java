/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.ApiTestContext;
import io.kafscale.broker.api.TestRecords;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchRequestData.FetchPartition;
import org.apache.kafka.common.message.FetchRequestData.FetchTopic;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FetchHandlerTest {
  private final ApiTestContext ctx = new ApiTestContext();

  @AfterEach
  void tearDown() {
    ctx.close();
  }

  private void produce(String topic, int partition, ByteBuffer batch) {
    ProduceRequestData request = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000);
    TopicProduceData data = new TopicProduceData().setName(topic);
    data.partitionData().add(TestRecords.partition(partition, batch));
    request.topicData().add(data);
    ctx.call(ApiKeys.PRODUCE, 9, request);
  }

  private static FetchRequestData fetch(String topic, Uuid id, long offset, int... partitions) {
    FetchRequestData request =
        new FetchRequestData()
            .setMaxWaitMs(0)
            .setMinBytes(1)
            .setMaxBytes(1 << 20)
            .setSessionId(0)
            .setSessionEpoch(-1);
    FetchTopic t = new FetchTopic().setTopic(topic).setTopicId(id);
    for (int p : partitions) {
      t.partitions()
          .add(
              new FetchPartition()
                  .setPartition(p)
                  .setFetchOffset(offset)
                  .setPartitionMaxBytes(1 << 20));
    }
    request.topics().add(t);
    return request;
  }

  private static PartitionData partition(FetchResponseData response, int index) {
    return response.responses().getFirst().partitions().get(index);
  }

  @Test
  void shouldReturnWholeBatchContainingTheFetchOffsetWithOffsets() {
    // Given
    ctx.createTopic("t", 1, Map.of());
    produce("t", 0, TestRecords.batch(10, 20, 30));
    produce("t", 0, TestRecords.batch(40, 50));
    // When
    FetchResponseData response = ctx.call(ApiKeys.FETCH, 12, fetch("t", Uuid.ZERO_UUID, 1, 0));
    // Then
    PartitionData p = partition(response, 0);
    assertThat(p.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(p.highWatermark()).isEqualTo(5);
    assertThat(p.lastStableOffset()).isEqualTo(5);
    assertThat(p.logStartOffset()).isZero();
    assertThat(TestRecords.baseOffsets(p)).containsExactly(0L, 3L);
    assertThat(response.sessionId()).isZero();
  }

  @Test
  void shouldAddressTopicsByIdFromVersion13() {
    // Given
    Uuid id = ctx.createTopic("t", 1, Map.of()).topicId();
    produce("t", 0, TestRecords.batch(10));
    // When
    FetchResponseData known = ctx.call(ApiKeys.FETCH, 17, fetch("", id, 0, 0));
    FetchResponseData unknown = ctx.call(ApiKeys.FETCH, 17, fetch("", Uuid.randomUuid(), 0, 0));
    // Then
    assertThat(known.responses().getFirst().topicId()).isEqualTo(id);
    assertThat(TestRecords.baseOffsets(partition(known, 0))).containsExactly(0L);
    assertThat(partition(unknown, 0).errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());
  }

  @Test
  void shouldAnswerOffsetOutOfRangeAndUnknownPartition() {
    // Given
    ctx.createTopic("t", 1, Map.of());
    produce("t", 0, TestRecords.batch(10));
    // When
    FetchResponseData beyond = ctx.call(ApiKeys.FETCH, 12, fetch("t", Uuid.ZERO_UUID, 7, 0));
    FetchResponseData noPartition = ctx.call(ApiKeys.FETCH, 4, fetch("t", Uuid.ZERO_UUID, 0, 3));
    // Then
    assertThat(partition(beyond, 0).errorCode()).isEqualTo(Errors.OFFSET_OUT_OF_RANGE.code());
    assertThat(partition(noPartition, 0).errorCode())
        .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
  }

  @Test
  void shouldRefuseIncrementalFetchSessions() {
    // When
    FetchResponseData response =
        ctx.call(
            ApiKeys.FETCH,
            12,
            fetch("t", Uuid.ZERO_UUID, 0, 0).setSessionId(42).setSessionEpoch(3));
    // Then
    assertThat(response.errorCode()).isEqualTo(Errors.FETCH_SESSION_ID_NOT_FOUND.code());
  }

  @Test
  void shouldHonourResponseMaxBytesButAlwaysReturnTheFirstBatch() {
    // Given
    ctx.createTopic("t", 2, Map.of());
    produce("t", 0, TestRecords.batch(1, 2, 3, 4));
    produce("t", 1, TestRecords.batch(5, 6, 7, 8));
    // When
    FetchResponseData response =
        ctx.call(ApiKeys.FETCH, 12, fetch("t", Uuid.ZERO_UUID, 0, 0, 1).setMaxBytes(10));
    // Then
    assertThat(TestRecords.baseOffsets(partition(response, 0))).containsExactly(0L);
    assertThat(TestRecords.baseOffsets(partition(response, 1))).isEmpty();
    assertThat(partition(response, 1).highWatermark()).isEqualTo(4);
  }

  @Test
  void shouldWakeParkedFetchWhenDataIsCommitted() {
    // Given: the group coordinator's periodic ticks are the only other timers
    ctx.createTopic("t", 1, Map.of());
    int background = ctx.scheduler.pending();
    CompletableFuture<ApiMessage> parked =
        ctx.callAsync(ApiKeys.FETCH, 12, fetch("t", Uuid.ZERO_UUID, 0, 0).setMaxWaitMs(30_000));
    assertThat(parked).isNotDone();
    // When
    produce("t", 0, TestRecords.batch(1, 2));
    // Then
    FetchResponseData response = (FetchResponseData) parked.join();
    assertThat(TestRecords.baseOffsets(partition(response, 0))).containsExactly(0L);
    assertThat(ctx.scheduler.pending()).isEqualTo(background);
  }

  @Test
  void shouldAnswerEmptyWhenMaxWaitPasses() {
    // Given
    ctx.createTopic("t", 1, Map.of());
    CompletableFuture<ApiMessage> parked =
        ctx.callAsync(ApiKeys.FETCH, 12, fetch("t", Uuid.ZERO_UUID, 0, 0).setMaxWaitMs(500));
    // When
    ctx.scheduler.advance(Duration.ofMillis(499));
    boolean doneEarly = parked.isDone();
    ctx.scheduler.advance(Duration.ofMillis(1));
    // Then
    assertThat(doneEarly).isFalse();
    FetchResponseData response = (FetchResponseData) parked.join();
    assertThat(partition(response, 0).errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(TestRecords.baseOffsets(partition(response, 0))).isEmpty();
  }
}
