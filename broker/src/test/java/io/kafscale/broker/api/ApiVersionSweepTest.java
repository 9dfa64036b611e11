/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.protocol.api.SupportedApis;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every served API answers at every served version with a response that encodes at that version
 * (the generated writers throw on fields a version lacks), for known and unknown topics.
 */
class ApiVersionSweepTest {
  /** Answered by the connection's ConnectionGuard before any handler (see its tests). */
  private static final Set<ApiKeys> CONNECTION_LAYER =
      Set.of(ApiKeys.SASL_HANDSHAKE, ApiKeys.SASL_AUTHENTICATE);

  private final ApiTestContext ctx = new ApiTestContext();

  @AfterEach
  void tearDown() {
    ctx.close();
  }

  @Test
  void shouldAnswerEveryServedApiAtEveryServedVersion() {
    // Given
    Uuid id = ctx.createTopic("known", 1, Map.of("retention.ms", "1000")).topicId();
    int calls = 0;
    for (SupportedApis api : SupportedApis.values()) {
      if (CONNECTION_LAYER.contains(api.apiKey())) {
        continue;
      }
      for (short v = api.minServedVersion(); v <= api.maxServedVersion(); v++) {
        // When
        ApiMessage response = ctx.call(api.apiKey(), v, request(api.apiKey(), v, id));
        // Then
        assertThat(response).as("%s v%d", api.apiKey(), v).isNotNull();
        calls++;
      }
    }
    assertThat(calls).isGreaterThan(60);
  }

  private ApiMessage request(ApiKeys key, short v, Uuid id) {
    return switch (key) {
      case PRODUCE -> produce(v, id);
      case FETCH -> fetch(v, id);
      case METADATA -> metadata(v, id);
      case LIST_OFFSETS -> listOffsets();
      case OFFSET_FOR_LEADER_EPOCH -> offsetForLeaderEpoch();
      case CREATE_TOPICS -> createTopics(v);
      case DELETE_TOPICS -> deleteTopics(v);
      case CREATE_PARTITIONS -> createPartitions();
      case DESCRIBE_CONFIGS -> describeConfigs();
      case FIND_COORDINATOR -> findCoordinator(v);
      default -> key.messageType.newRequest();
    };
  }

  private static ProduceRequestData produce(short v, Uuid id) {
    ProduceRequestData request = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000);
    for (String name : List.of("known", "unknown")) {
      ProduceRequestData.TopicProduceData topic =
          new ProduceRequestData.TopicProduceData()
              .setName(name)
              .setTopicId(name.equals("known") ? id : Uuid.randomUuid());
      topic.partitionData().add(TestRecords.partition(0, TestRecords.batch(1, 2)));
      request.topicData().add(topic);
    }
    return request;
  }

  private static FetchRequestData fetch(short v, Uuid id) {
    FetchRequestData request =
        new FetchRequestData().setMaxWaitMs(0).setMinBytes(1).setMaxBytes(1 << 20);
    for (String name : List.of("known", "unknown")) {
      FetchRequestData.FetchTopic topic =
          new FetchRequestData.FetchTopic()
              .setTopic(name)
              .setTopicId(name.equals("known") ? id : Uuid.randomUuid());
      topic
          .partitions()
          .add(
              new FetchRequestData.FetchPartition()
                  .setPartition(0)
                  .setFetchOffset(0)
                  .setPartitionMaxBytes(1 << 20));
      request.topics().add(topic);
    }
    return request;
  }

  private static MetadataRequestData metadata(short v, Uuid id) {
    MetadataRequestData request = new MetadataRequestData().setAllowAutoTopicCreation(false);
    request.topics().add(new MetadataRequestData.MetadataRequestTopic().setName("known"));
    request.topics().add(new MetadataRequestData.MetadataRequestTopic().setName("unknown"));
    if (v >= 12) {
      request
          .topics()
          .add(
              new MetadataRequestData.MetadataRequestTopic()
                  .setName(null)
                  .setTopicId(Uuid.randomUuid()));
    }
    return request;
  }

  private static ListOffsetsRequestData listOffsets() {
    ListOffsetsRequestData request = new ListOffsetsRequestData().setReplicaId(-1);
    for (String name : List.of("known", "unknown")) {
      ListOffsetsRequestData.ListOffsetsTopic topic =
          new ListOffsetsRequestData.ListOffsetsTopic().setName(name);
      topic
          .partitions()
          .add(
              new ListOffsetsRequestData.ListOffsetsPartition()
                  .setPartitionIndex(0)
                  .setTimestamp(-1));
      topic
          .partitions()
          .add(
              new ListOffsetsRequestData.ListOffsetsPartition()
                  .setPartitionIndex(0)
                  .setTimestamp(0));
      request.topics().add(topic);
    }
    return request;
  }

  private static OffsetForLeaderEpochRequestData offsetForLeaderEpoch() {
    OffsetForLeaderEpochRequestData request = new OffsetForLeaderEpochRequestData();
    for (String name : List.of("known", "unknown")) {
      OffsetForLeaderEpochRequestData.OffsetForLeaderTopic topic =
          new OffsetForLeaderEpochRequestData.OffsetForLeaderTopic().setTopic(name);
      topic
          .partitions()
          .add(
              new OffsetForLeaderEpochRequestData.OffsetForLeaderPartition()
                  .setPartition(0)
                  .setLeaderEpoch(0));
      request.topics().add(topic);
    }
    return request;
  }

  private static CreateTopicsRequestData createTopics(short v) {
    CreateTopicsRequestData request = new CreateTopicsRequestData();
    request
        .topics()
        .add(
            new CreateTopicsRequestData.CreatableTopic()
                .setName("new-" + v)
                .setNumPartitions(1)
                .setReplicationFactor((short) 1));
    request
        .topics()
        .add(
            new CreateTopicsRequestData.CreatableTopic()
                .setName("known")
                .setNumPartitions(1)
                .setReplicationFactor((short) 1));
    return request;
  }

  private static DeleteTopicsRequestData deleteTopics(short v) {
    DeleteTopicsRequestData request = new DeleteTopicsRequestData();
    if (v >= 6) {
      request.topics().add(new DeleteTopicsRequestData.DeleteTopicState().setName("new-" + v));
      request
          .topics()
          .add(
              new DeleteTopicsRequestData.DeleteTopicState()
                  .setName(null)
                  .setTopicId(Uuid.randomUuid()));
    } else {
      request.setTopicNames(List.of("new-" + v, "unknown"));
    }
    return request;
  }

  private static CreatePartitionsRequestData createPartitions() {
    CreatePartitionsRequestData request = new CreatePartitionsRequestData();
    request
        .topics()
        .add(new CreatePartitionsRequestData.CreatePartitionsTopic().setName("known").setCount(1));
    request
        .topics()
        .add(
            new CreatePartitionsRequestData.CreatePartitionsTopic().setName("unknown").setCount(2));
    return request;
  }

  /** A group key: the single key up to v3, a batch of one from v4. */
  private static FindCoordinatorRequestData findCoordinator(short v) {
    return v >= 4
        ? new FindCoordinatorRequestData().setKeyType((byte) 0).setCoordinatorKeys(List.of("g"))
        : new FindCoordinatorRequestData().setKey("g");
  }

  private static DescribeConfigsRequestData describeConfigs() {
    DescribeConfigsRequestData request =
        new DescribeConfigsRequestData().setIncludeSynonyms(true).setIncludeDocumentation(true);
    request
        .resources()
        .add(
            new DescribeConfigsRequestData.DescribeConfigsResource()
                .setResourceType((byte) 2)
                .setResourceName("known")
                .setConfigurationKeys(null));
    request
        .resources()
        .add(
            new DescribeConfigsRequestData.DescribeConfigsResource()
                .setResourceType((byte) 4)
                .setResourceName("1")
                .setConfigurationKeys(null));
    request
        .resources()
        .add(
            new DescribeConfigsRequestData.DescribeConfigsResource()
                .setResourceType((byte) 2)
                .setResourceName("unknown"));
    return request;
  }
}
