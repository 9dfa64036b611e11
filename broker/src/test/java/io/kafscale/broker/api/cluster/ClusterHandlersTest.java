/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.ApiTestContext;
import io.kafscale.broker.group.CoordinatorPartitions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataRequestData.MetadataRequestTopic;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterHandlersTest {
  private ApiTestContext ctx = new ApiTestContext();

  @AfterEach
  void tearDown() {
    ctx.close();
  }

  private static MetadataRequestData byName(boolean allowAutoCreate, String... names) {
    List<MetadataRequestTopic> topics = new ArrayList<>();
    for (String n : names) {
      topics.add(new MetadataRequestTopic().setName(n));
    }
    return new MetadataRequestData().setTopics(topics).setAllowAutoTopicCreation(allowAutoCreate);
  }

  @Test
  void shouldDescribeThisBrokerAndAutoCreateRequestedTopics() {
    // When
    MetadataResponseData response = ctx.call(ApiKeys.METADATA, 12, byName(true, "auto"));
    // Then
    assertThat(response.brokers())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.nodeId()).isEqualTo(ApiTestContext.BROKER_ID);
              assertThat(b.port()).isEqualTo(9092);
            });
    assertThat(response.controllerId()).isEqualTo(ApiTestContext.BROKER_ID);
    assertThat(response.clusterId()).isEqualTo(ctx.metadata.clusterId());
    MetadataResponseTopic topic = response.topics().find("auto");
    assertThat(topic.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(topic.topicId()).isNotEqualTo(Uuid.ZERO_UUID);
    assertThat(topic.partitions())
        .hasSize(2)
        .allSatisfy(
            p -> {
              assertThat(p.leaderId()).isEqualTo(ApiTestContext.BROKER_ID);
              assertThat(p.leaderEpoch()).isPositive();
              assertThat(p.replicaNodes()).containsExactly(ApiTestContext.BROKER_ID);
            });
  }

  @Test
  void shouldNotAutoCreateWhenTheRequestOrTheBrokerForbidsIt() {
    // When
    MetadataResponseData forbidden = ctx.call(ApiKeys.METADATA, 9, byName(false, "nope"));
    MetadataResponseData invalid = ctx.call(ApiKeys.METADATA, 1, byName(true, "bad name"));
    ctx.close();
    ctx = new ApiTestContext(false);
    MetadataResponseData brokerOff = ctx.call(ApiKeys.METADATA, 3, byName(true, "nope"));
    // Then
    assertThat(forbidden.topics().find("nope").errorCode())
        .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    assertThat(invalid.topics().find("bad name").errorCode())
        .isEqualTo(Errors.INVALID_TOPIC_EXCEPTION.code());
    assertThat(brokerOff.topics().find("nope").errorCode())
        .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
  }

  @Test
  void shouldListAllTopicsAndFindTopicsById() {
    // Given
    Uuid id = ctx.createTopic("t1", 1, Map.of()).topicId();
    ctx.createTopic("t2", 1, Map.of());
    // When
    MetadataResponseData all = ctx.call(ApiKeys.METADATA, 0, new MetadataRequestData());
    MetadataRequestData ids = new MetadataRequestData();
    ids.topics().add(new MetadataRequestTopic().setName(null).setTopicId(id));
    ids.topics().add(new MetadataRequestTopic().setName(null).setTopicId(Uuid.randomUuid()));
    MetadataResponseData byId = ctx.call(ApiKeys.METADATA, 12, ids);
    // Then
    assertThat(all.topics())
        .extracting(MetadataResponseTopic::name)
        .containsExactly(
            CoordinatorPartitions.TOPIC,
            io.kafscale.broker.txn.TransactionPartitions.TOPIC,
            "t1",
            "t2");
    assertThat(all.topics())
        .extracting(MetadataResponseTopic::isInternal)
        .containsExactly(true, true, false, false);
    assertThat(byId.topics())
        .extracting(MetadataResponseTopic::errorCode)
        .containsExactly(Errors.NONE.code(), Errors.UNKNOWN_TOPIC_ID.code());
    assertThat(byId.topics().iterator().next().name()).isEqualTo("t1");
  }

  @Test
  void shouldServeMetadataAtEveryVersion() {
    ctx.createTopic("v", 1, Map.of());
    for (short v = ApiKeys.METADATA.oldestVersion(); v <= ApiKeys.METADATA.latestVersion(); v++) {
      MetadataResponseData response = ctx.call(ApiKeys.METADATA, v, byName(false, "v", "missing"));
      assertThat(response.topics()).hasSize(2);
    }
  }

  @Test
  void shouldAdvertiseServedApis() {
    ApiVersionsResponseData response =
        ctx.call(
            ApiKeys.API_VERSIONS,
            3,
            new ApiVersionsRequestData()
                .setClientSoftwareName("test")
                .setClientSoftwareVersion("1"));
    assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(response.apiKeys().find(ApiKeys.FETCH.id)).isNotNull();
  }

  @Test
  void shouldDescribeClusterWithThisBrokerAsController() {
    DescribeClusterResponseData response =
        ctx.call(
            ApiKeys.DESCRIBE_CLUSTER,
            1,
            new DescribeClusterRequestData().setEndpointType((byte) 1));
    assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(response.controllerId()).isEqualTo(ApiTestContext.BROKER_ID);
    assertThat(response.clusterId()).isEqualTo(ctx.metadata.clusterId());
    assertThat(response.brokers()).hasSize(1);
    DescribeClusterResponseData controllers =
        ctx.call(
            ApiKeys.DESCRIBE_CLUSTER,
            1,
            new DescribeClusterRequestData().setEndpointType((byte) 2));
    assertThat(controllers.errorCode()).isEqualTo(Errors.UNSUPPORTED_ENDPOINT_TYPE.code());
  }

  @Test
  void shouldDescribeTopicAndBrokerConfigsWithSources() {
    // Given
    ctx.createTopic("c", 1, Map.of("retention.ms", "5000"));
    DescribeConfigsRequestData request = new DescribeConfigsRequestData().setIncludeSynonyms(true);
    request
        .resources()
        .add(
            new DescribeConfigsResource()
                .setResourceType((byte) 2)
                .setResourceName("c")
                .setConfigurationKeys(null));
    request
        .resources()
        .add(
            new DescribeConfigsResource()
                .setResourceType((byte) 4)
                .setResourceName("1")
                .setConfigurationKeys(List.of("broker.id")));
    request
        .resources()
        .add(new DescribeConfigsResource().setResourceType((byte) 2).setResourceName("missing"));
    request
        .resources()
        .add(new DescribeConfigsResource().setResourceType((byte) 8).setResourceName("1"));
    // When
    DescribeConfigsResponseData response = ctx.call(ApiKeys.DESCRIBE_CONFIGS, 4, request);
    // Then
    DescribeConfigsResult topic = response.results().get(0);
    assertThat(topic.configs())
        .anySatisfy(
            c -> {
              assertThat(c.name()).isEqualTo("retention.ms");
              assertThat(c.value()).isEqualTo("5000");
              assertThat(c.configSource()).isEqualTo(ConfigEntry.DYNAMIC_TOPIC_CONFIG);
              assertThat(c.synonyms()).hasSize(2);
            });
    assertThat(topic.configs())
        .anySatisfy(
            c -> {
              assertThat(c.name()).isEqualTo("cleanup.policy");
              assertThat(c.value()).isEqualTo("delete");
              assertThat(c.configSource()).isEqualTo(ConfigEntry.DEFAULT_CONFIG);
            });
    assertThat(response.results().get(1).configs())
        .singleElement()
        .satisfies(c -> assertThat(c.value()).isEqualTo("1"));
    assertThat(response.results().get(2).errorCode())
        .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    assertThat(response.results().get(3).errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
  }
}
