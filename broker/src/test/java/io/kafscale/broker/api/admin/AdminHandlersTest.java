/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.ApiTestContext;
import io.kafscale.broker.api.TestRecords;
import io.kafscale.broker.group.CoordinatorPartitions;
import io.kafscale.storage.objectstore.memory.FaultPolicy;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminHandlersTest {
  private final ApiTestContext ctx = new ApiTestContext();

  @AfterEach
  void tearDown() {
    ctx.close();
  }

  @Test
  void shouldCreateTopicWithStoredConfigsAndReturnItsDescription() {
    // When
    CreatableTopicResult result =
        ctx.createTopic("orders", 3, Map.of("retention.ms", "1000", "max.message.bytes", "2048"));
    // Then
    assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(result.topicId()).isNotEqualTo(Uuid.ZERO_UUID);
    assertThat(result.numPartitions()).isEqualTo(3);
    assertThat(result.replicationFactor()).isEqualTo((short) 1);
    assertThat(result.configs())
        .anySatisfy(
            c -> {
              assertThat(c.name()).isEqualTo("retention.ms");
              assertThat(c.value()).isEqualTo("1000");
            });
    assertThat(ctx.apis.topics().topic("orders").orElseThrow().configs())
        .containsEntry("max.message.bytes", "2048");
    assertThat(ctx.apis.topics().log("orders", 2)).isPresent();
  }

  @Test
  void shouldValidateTopicsLikeKafka() {
    ctx.createTopic("exists", 1, Map.of());
    assertThat(ctx.createTopic("exists", 1, Map.of()).errorCode())
        .isEqualTo(Errors.TOPIC_ALREADY_EXISTS.code());
    assertThat(ctx.createTopic("bad/name", 1, Map.of()).errorCode())
        .isEqualTo(Errors.INVALID_TOPIC_EXCEPTION.code());
    assertThat(ctx.createTopic("..", 1, Map.of()).errorCode())
        .isEqualTo(Errors.INVALID_TOPIC_EXCEPTION.code());
    assertThat(ctx.createTopic("x".repeat(250), 1, Map.of()).errorCode())
        .isEqualTo(Errors.INVALID_TOPIC_EXCEPTION.code());
    assertThat(ctx.createTopic("zero", 0, Map.of()).errorCode())
        .isEqualTo(Errors.INVALID_PARTITIONS.code());
    assertThat(ctx.createTopic("cfg", 1, Map.of("no.such.config", "1")).errorCode())
        .isEqualTo(Errors.INVALID_CONFIG.code());
    assertThat(ctx.createTopic("cfg", 1, Map.of("retention.ms", "soon")).errorCode())
        .isEqualTo(Errors.INVALID_CONFIG.code());
    CreateTopicsRequestData rf3 = new CreateTopicsRequestData();
    rf3.topics()
        .add(
            new CreatableTopic().setName("rf").setNumPartitions(1).setReplicationFactor((short) 3));
    CreateTopicsResponseData response = ctx.call(ApiKeys.CREATE_TOPICS, 2, rf3);
    assertThat(response.topics().find("rf").errorCode())
        .isEqualTo(Errors.INVALID_REPLICATION_FACTOR.code());
    assertThat(ctx.apis.topics().image().byName())
        .containsOnlyKeys(
            "exists",
            CoordinatorPartitions.TOPIC,
            io.kafscale.broker.txn.TransactionPartitions.TOPIC);
  }

  @Test
  void shouldCreateNothingWhenValidateOnlyAndUseDefaultPartitions() {
    // Given
    CreateTopicsRequestData request = new CreateTopicsRequestData().setValidateOnly(true);
    request
        .topics()
        .add(
            new CreatableTopic()
                .setName("dry")
                .setNumPartitions(-1)
                .setReplicationFactor((short) -1));
    // When
    CreateTopicsResponseData response = ctx.call(ApiKeys.CREATE_TOPICS, 5, request);
    // Then
    assertThat(response.topics().find("dry").errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(response.topics().find("dry").numPartitions()).isEqualTo(2);
    assertThat(ctx.apis.topics().topic("dry")).isEmpty();
  }

  @Test
  void shouldDeleteTopicsByNameAndByIdWithTheirObjects() {
    // Given
    ctx.createTopic("a", 1, Map.of());
    Uuid bId = ctx.createTopic("b", 1, Map.of()).topicId();
    ProduceRequestData produce = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000);
    TopicProduceData data = new TopicProduceData().setName("a");
    data.partitionData().add(TestRecords.partition(0, TestRecords.batch(1, 2)));
    produce.topicData().add(data);
    ctx.call(ApiKeys.PRODUCE, 9, produce);
    assertThat(ctx.objects.size()).isPositive();
    // When
    DeleteTopicsResponseData byName =
        ctx.call(
            ApiKeys.DELETE_TOPICS,
            5,
            new DeleteTopicsRequestData().setTopicNames(List.of("a", "nope")));
    DeleteTopicsRequestData idRequest = new DeleteTopicsRequestData();
    idRequest.topics().add(new DeleteTopicState().setTopicId(bId));
    idRequest.topics().add(new DeleteTopicState().setTopicId(Uuid.randomUuid()));
    DeleteTopicsResponseData byId = ctx.call(ApiKeys.DELETE_TOPICS, 6, idRequest);
    // Then
    assertThat(byName.responses().find("a").errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(byName.responses().find("nope").errorCode())
        .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    assertThat(byId.responses())
        .extracting(r -> r.errorCode())
        .containsExactly(Errors.NONE.code(), Errors.UNKNOWN_TOPIC_ID.code());
    assertThat(ctx.apis.topics().image().byName())
        .containsOnlyKeys(
            CoordinatorPartitions.TOPIC, io.kafscale.broker.txn.TransactionPartitions.TOPIC);
    assertThat(ctx.apis.topics().log("a", 0)).isEmpty();
    assertThat(ctx.objects.size()).isZero();
    assertThat(ctx.objects.count(FaultPolicy.Operation.DELETE_ALL)).isPositive();
  }

  @Test
  void shouldAddPartitionsOnlyWhenLarger() {
    // Given
    ctx.createTopic("grow", 1, Map.of());
    CreatePartitionsRequestData request = new CreatePartitionsRequestData().setTimeoutMs(1000);
    request.topics().add(new CreatePartitionsTopic().setName("grow").setCount(3));
    request.topics().add(new CreatePartitionsTopic().setName("missing").setCount(3));
    // When
    CreatePartitionsResponseData response = ctx.call(ApiKeys.CREATE_PARTITIONS, 3, request);
    CreatePartitionsRequestData shrink = new CreatePartitionsRequestData();
    shrink.topics().add(new CreatePartitionsTopic().setName("grow").setCount(2));
    CreatePartitionsResponseData refused = ctx.call(ApiKeys.CREATE_PARTITIONS, 0, shrink);
    // Then
    assertThat(response.results())
        .extracting(r -> r.errorCode())
        .containsExactly(Errors.NONE.code(), Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    assertThat(ctx.apis.topics().topic("grow").orElseThrow().partitionCount()).isEqualTo(3);
    assertThat(ctx.apis.topics().log("grow", 2)).isPresent();
    assertThat(refused.results().getFirst().errorCode())
        .isEqualTo(Errors.INVALID_PARTITIONS.code());
  }
}
