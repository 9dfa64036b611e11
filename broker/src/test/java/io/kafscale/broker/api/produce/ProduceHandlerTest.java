/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.produce;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.ApiTestContext;
import io.kafscale.broker.api.TestRecords;
import io.kafscale.storage.objectstore.memory.FaultPolicy;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProduceHandlerTest {
  private final ApiTestContext ctx = new ApiTestContext();

  @AfterEach
  void tearDown() {
    ctx.close();
  }

  private static ProduceRequestData request(
      String topic, Uuid id, int partition, ByteBuffer batch, short acks) {
    ProduceRequestData request = new ProduceRequestData().setAcks(acks).setTimeoutMs(30_000);
    TopicProduceData data = new TopicProduceData().setName(topic).setTopicId(id);
    data.partitionData().add(TestRecords.partition(partition, batch));
    request.topicData().add(data);
    return request;
  }

  private static PartitionProduceResponse only(ProduceResponseData response) {
    return response.responses().iterator().next().partitionResponses().getFirst();
  }

  @Test
  void shouldAssignDenseOffsetsWhenProducingByNameAndById() {
    // Given
    Uuid id = ctx.createTopic("orders", 1, Map.of()).topicId();
    // When
    ProduceResponseData first =
        ctx.call(
            ApiKeys.PRODUCE,
            9,
            request("orders", Uuid.ZERO_UUID, 0, TestRecords.batch(1, 2, 3), (short) -1));
    ProduceResponseData second =
        ctx.call(ApiKeys.PRODUCE, 13, request("", id, 0, TestRecords.batch(4, 5), (short) 1));
    // Then
    assertThat(only(first).errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(only(first).baseOffset()).isZero();
    assertThat(only(second).errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(only(second).baseOffset()).isEqualTo(3);
    assertThat(second.responses().iterator().next().topicId()).isEqualTo(id);
    assertThat(
            ctx.meters.get("kafscale.topic.messages.in").tag("topic", "orders").counter().count())
        .isEqualTo(5);
  }

  @Test
  void shouldAnswerUnknownTopicOrPartitionWithoutAutoCreating() {
    // Given
    ctx.createTopic("small", 1, Map.of());
    // When
    ProduceResponseData unknownTopic =
        ctx.call(
            ApiKeys.PRODUCE,
            9,
            request("missing", Uuid.ZERO_UUID, 0, TestRecords.batch(1), (short) 1));
    ProduceResponseData unknownPartition =
        ctx.call(
            ApiKeys.PRODUCE,
            9,
            request("small", Uuid.ZERO_UUID, 5, TestRecords.batch(1), (short) 1));
    ProduceResponseData unknownId =
        ctx.call(
            ApiKeys.PRODUCE,
            13,
            request("", Uuid.randomUuid(), 0, TestRecords.batch(1), (short) 1));
    // Then
    assertThat(only(unknownTopic).errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    assertThat(only(unknownPartition).errorCode())
        .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    assertThat(only(unknownId).errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());
    assertThat(ctx.apis.topics().topic("missing")).isEmpty();
  }

  @Test
  void shouldRejectCorruptBatchWithMessage() {
    // Given
    ctx.createTopic("t", 1, Map.of());
    ByteBuffer corrupt = TestRecords.batch(1, 2);
    corrupt.put(corrupt.limit() - 1, (byte) 0x55);
    // When
    ProduceResponseData response =
        ctx.call(ApiKeys.PRODUCE, 9, request("t", Uuid.ZERO_UUID, 0, corrupt, (short) -1));
    // Then
    assertThat(only(response).errorCode()).isEqualTo(Errors.CORRUPT_MESSAGE.code());
    assertThat(only(response).errorMessage()).isNotBlank();
    assertThat(
            ctx.meters
                .get("kafscale.produce.partition.errors")
                .tag("error", "CORRUPT_MESSAGE")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void shouldNotRefuseTransactionalProduceWhenTransactionsAreWired() {
    // Given
    ctx.createTopic("t", 1, Map.of());
    ProduceRequestData request =
        request("t", Uuid.ZERO_UUID, 0, TestRecords.batch(1), (short) -1).setTransactionalId("tx");
    // When
    ProduceResponseData response = ctx.call(ApiKeys.PRODUCE, 9, request);
    // Then
    assertThat(only(response).errorCode()).isNotEqualTo(Errors.UNSUPPORTED_VERSION.code());
  }

  @Test
  void shouldAppendButNotAnswerWhenAcksIsZero() {
    // Given
    ctx.createTopic("t", 1, Map.of());
    // When
    ApiMessage response =
        ctx.call(
            ApiKeys.PRODUCE,
            9,
            request("t", Uuid.ZERO_UUID, 0, TestRecords.batch(1, 2), (short) 0));
    // Then
    assertThat(response).isNull();
    assertThat(ctx.apis.topics().log("t", 0).orElseThrow().highWatermark()).isEqualTo(2);
  }

  @Test
  void shouldAnswerRequestTimedOutWhenTheCommitTakesLongerThanTheTimeout() {
    // Given
    ctx.createTopic("t", 1, Map.of());
    CompletableFuture<Void> release = ctx.objects.holdNext(FaultPolicy.Operation.CREATE);
    // When
    CompletableFuture<ApiMessage> pending =
        ctx.callAsync(
            ApiKeys.PRODUCE,
            9,
            request("t", Uuid.ZERO_UUID, 0, TestRecords.batch(1), (short) -1).setTimeoutMs(500));
    ctx.scheduler.advance(Duration.ofMillis(500));
    // Then
    ProduceResponseData response = (ProduceResponseData) pending.join();
    assertThat(only(response).errorCode()).isEqualTo(Errors.REQUEST_TIMED_OUT.code());
    assertThat(only(response).index()).isZero();
    release.complete(null);
  }

  @Test
  void shouldHandOutNewProducerIdsAndSendTransactionalIdsToTheCoordinator() {
    // When
    InitProducerIdResponseData first =
        ctx.call(
            ApiKeys.INIT_PRODUCER_ID,
            4,
            new InitProducerIdRequestData()
                .setTransactionalId(null)
                .setProducerId(-1)
                .setProducerEpoch((short) -1));
    InitProducerIdResponseData second =
        ctx.call(
            ApiKeys.INIT_PRODUCER_ID,
            4,
            new InitProducerIdRequestData()
                .setTransactionalId(null)
                .setProducerId(first.producerId())
                .setProducerEpoch((short) 0));
    InitProducerIdResponseData transactional =
        ctx.call(
            ApiKeys.INIT_PRODUCER_ID,
            4,
            new InitProducerIdRequestData()
                .setTransactionalId("tx")
                .setTransactionTimeoutMs(60_000));
    InitProducerIdResponseData half =
        ctx.call(
            ApiKeys.INIT_PRODUCER_ID,
            0,
            new InitProducerIdRequestData()
                .setTransactionalId(null)
                .setProducerId(5)
                .setProducerEpoch((short) -1));
    // Then
    assertThat(first.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(first.producerEpoch()).isZero();
    assertThat(second.producerId()).isNotEqualTo(first.producerId());
    // Its coordinator partition may still be loading: retriable coordinator errors are fine.
    assertThat(Errors.forCode(transactional.errorCode()))
        .isIn(
            Errors.NONE,
            Errors.NOT_COORDINATOR,
            Errors.COORDINATOR_NOT_AVAILABLE,
            Errors.COORDINATOR_LOAD_IN_PROGRESS);
    assertThat(half.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
  }
}
