/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.cluster.ClusterNode;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * KIP-951: a broker that does not own a partition answers NOT_LEADER_OR_FOLLOWER naming the live
 * owner and its epoch, with the owner's endpoint, so clients need not refresh metadata first.
 */
class LeaderHintTest {
  private static final int OTHER_ID = 2;
  private static final int OTHER_PORT = 19_444;

  private final ApiTestContext ctx = new ApiTestContext();
  private ClusterNode other;
  private int moved;

  @BeforeEach
  void setUp() {
    ctx.createTopic("t", 2, Map.of());
    other = ctx.startNode(OTHER_ID, OTHER_PORT, ctx.logs);
    // The controller gives the second broker one of the two partitions.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> other.topics().log("t", 0).isPresent() || other.topics().log("t", 1).isPresent());
    moved = other.topics().log("t", 0).isPresent() ? 0 : 1;
    await().atMost(Duration.ofSeconds(20)).until(() -> ctx.apis.topics().log("t", moved).isEmpty());
  }

  @AfterEach
  void tearDown() {
    other.close();
    ctx.close();
  }

  @Test
  void shouldNameTheNewLeaderAndItsEndpointWhenProducingToAPartitionOwnedElsewhere() {
    // Given
    ProduceRequestData request = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(5_000);
    ProduceRequestData.TopicProduceData data =
        new ProduceRequestData.TopicProduceData().setName("t");
    data.partitionData().add(TestRecords.partition(moved, TestRecords.batch(1, 2)));
    request.topicData().add(data);
    // When
    ProduceResponseData response = ctx.call(ApiKeys.PRODUCE, 12, request);
    // Then
    ProduceResponseData.PartitionProduceResponse partition =
        response.responses().iterator().next().partitionResponses().getFirst();
    int epoch = other.topics().log("t", moved).orElseThrow().epoch();
    assertThat(partition.errorCode()).isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER.code());
    assertThat(partition.currentLeader().leaderId()).isEqualTo(OTHER_ID);
    assertThat(partition.currentLeader().leaderEpoch()).isEqualTo(epoch);
    assertThat(response.nodeEndpoints().find(OTHER_ID))
        .satisfies(
            n -> {
              assertThat(n.host()).isEqualTo("127.0.0.1");
              assertThat(n.port()).isEqualTo(OTHER_PORT);
            });
  }

  @Test
  void shouldLeaveTheHintOutBeforeProduceVersionTen() {
    // Given
    ProduceRequestData request = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(5_000);
    ProduceRequestData.TopicProduceData data =
        new ProduceRequestData.TopicProduceData().setName("t");
    data.partitionData().add(TestRecords.partition(moved, TestRecords.batch(1, 2)));
    request.topicData().add(data);
    // When (the context encodes every response at its version: a v10+ field would fail here)
    ProduceResponseData response = ctx.call(ApiKeys.PRODUCE, 9, request);
    // Then
    assertThat(response.responses().iterator().next().partitionResponses().getFirst().errorCode())
        .isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER.code());
    assertThat(response.nodeEndpoints()).isEmpty();
  }

  @Test
  void shouldNameTheNewLeaderWhenFetchingFromAPartitionOwnedElsewhere() {
    // Given
    FetchRequestData request =
        new FetchRequestData().setMaxWaitMs(0).setMinBytes(1).setMaxBytes(1 << 20);
    FetchRequestData.FetchTopic topic =
        new FetchRequestData.FetchTopic()
            .setTopic("t")
            .setTopicId(ctx.apis.topics().topic("t").map(x -> toKafka(x.topicId())).orElseThrow());
    topic
        .partitions()
        .add(
            new FetchRequestData.FetchPartition()
                .setPartition(moved)
                .setFetchOffset(0)
                .setPartitionMaxBytes(1 << 20));
    request.topics().add(topic);
    // When
    FetchResponseData response = ctx.call(ApiKeys.FETCH, 16, request);
    // Then
    FetchResponseData.PartitionData partition =
        response.responses().getFirst().partitions().getFirst();
    assertThat(partition.errorCode()).isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER.code());
    assertThat(partition.currentLeader().leaderId()).isEqualTo(OTHER_ID);
    assertThat(response.nodeEndpoints().find(OTHER_ID).port()).isEqualTo(OTHER_PORT);
  }

  private static Uuid toKafka(java.util.UUID id) {
    return new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits());
  }
}
