/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class SupportedApisTest {
  private static final Set<ApiKeys> ISSUE_APIS =
      EnumSet.of(
          ApiKeys.API_VERSIONS,
          ApiKeys.METADATA,
          ApiKeys.PRODUCE,
          ApiKeys.FETCH,
          ApiKeys.LIST_OFFSETS,
          ApiKeys.OFFSET_FOR_LEADER_EPOCH,
          ApiKeys.CREATE_TOPICS,
          ApiKeys.DELETE_TOPICS,
          ApiKeys.CREATE_PARTITIONS,
          ApiKeys.DELETE_RECORDS,
          ApiKeys.INIT_PRODUCER_ID,
          ApiKeys.DESCRIBE_CLUSTER,
          ApiKeys.DESCRIBE_LOG_DIRS,
          ApiKeys.DESCRIBE_CONFIGS,
          ApiKeys.ALTER_CONFIGS,
          ApiKeys.INCREMENTAL_ALTER_CONFIGS,
          ApiKeys.FIND_COORDINATOR,
          ApiKeys.JOIN_GROUP,
          ApiKeys.SYNC_GROUP,
          ApiKeys.HEARTBEAT,
          ApiKeys.LEAVE_GROUP,
          ApiKeys.OFFSET_COMMIT,
          ApiKeys.OFFSET_FETCH,
          ApiKeys.DESCRIBE_GROUPS,
          ApiKeys.LIST_GROUPS,
          ApiKeys.DELETE_GROUPS,
          ApiKeys.OFFSET_DELETE,
          ApiKeys.ADD_PARTITIONS_TO_TXN,
          ApiKeys.ADD_OFFSETS_TO_TXN,
          ApiKeys.TXN_OFFSET_COMMIT,
          ApiKeys.END_TXN,
          ApiKeys.DESCRIBE_PRODUCERS,
          ApiKeys.DESCRIBE_TRANSACTIONS,
          ApiKeys.LIST_TRANSACTIONS,
          ApiKeys.WRITE_TXN_MARKERS,
          ApiKeys.SASL_HANDSHAKE,
          ApiKeys.SASL_AUTHENTICATE,
          ApiKeys.CREATE_ACLS,
          ApiKeys.DESCRIBE_ACLS,
          ApiKeys.DELETE_ACLS,
          ApiKeys.DESCRIBE_USER_SCRAM_CREDENTIALS,
          ApiKeys.ALTER_USER_SCRAM_CREDENTIALS,
          ApiKeys.DESCRIBE_CLIENT_QUOTAS);

  @Test
  void shouldAdvertiseProduceFromVersionZeroButRefuseVersionsZeroToTwo() {
    // When
    ApiVersionsResponseData.ApiVersion produce =
        SupportedApis.advertised().find(ApiKeys.PRODUCE.id);
    // Then
    assertThat(produce.minVersion()).isZero();
    for (short v = 0; v <= 2; v++) {
      assertThat(SupportedApis.isServed(ApiKeys.PRODUCE, v)).as("Produce v%d", v).isFalse();
    }
    for (short v = 3; v <= ApiKeys.PRODUCE.latestVersion(false); v++) {
      assertThat(SupportedApis.isServed(ApiKeys.PRODUCE, v)).as("Produce v%d", v).isTrue();
    }
  }

  @Test
  void shouldServeOnlyVersionsKafkaClientsCanReadAndThatAreStable() {
    for (SupportedApis api : SupportedApis.values()) {
      ApiKeys key = api.apiKey();
      assertThat(api.minServedVersion())
          .as("%s min", key)
          .isGreaterThanOrEqualTo(key.oldestVersion());
      assertThat(api.minServedVersion())
          .as("%s min", key)
          .isGreaterThanOrEqualTo(key.messageType.lowestSupportedVersion());
      assertThat(api.maxServedVersion()).as("%s max", key).isEqualTo(key.latestVersion(false));
      assertThat(api.minAdvertisedVersion())
          .as("%s advertised min", key)
          .isLessThanOrEqualTo(api.minServedVersion());
      assertThat(SupportedApis.isServed(key, (short) (api.maxServedVersion() + 1))).isFalse();
    }
    assertThat(
            SupportedApis.isServed(
                ApiKeys.INIT_PRODUCER_ID, ApiKeys.INIT_PRODUCER_ID.latestVersion(true)))
        .as("unstable InitProducerId version")
        .isEqualTo(
            ApiKeys.INIT_PRODUCER_ID.latestVersion(true)
                == ApiKeys.INIT_PRODUCER_ID.latestVersion(false));
  }

  @Test
  void shouldAdvertiseExactlyTheServedApis() {
    // When
    Set<Short> advertised =
        SupportedApis.advertised().stream()
            .map(ApiVersionsResponseData.ApiVersion::apiKey)
            .collect(Collectors.toSet());
    // Then
    assertThat(advertised)
        .isEqualTo(ISSUE_APIS.stream().map(k -> k.id).collect(Collectors.toSet()));
    assertThat(SupportedApis.isServed(ApiKeys.DESCRIBE_DELEGATION_TOKEN, (short) 2)).isFalse();
    assertThat(SupportedApis.of(ApiKeys.DESCRIBE_DELEGATION_TOKEN)).isEmpty();
  }

  @Test
  void shouldBuildFreshCollectionEachTime() {
    // Given: entries of a kafka-clients collection may belong to one collection only
    ApiVersionsResponseData first =
        ApiVersionsResponses.forRequest(new ApiVersionsRequestData(), (short) 0);
    // When
    ApiVersionsResponseData second =
        ApiVersionsResponses.forRequest(new ApiVersionsRequestData(), (short) 0);
    // Then
    assertThat(first.apiKeys()).hasSize(ISSUE_APIS.size());
    assertThat(second.apiKeys()).isEqualTo(first.apiKeys());
  }

  @Test
  void shouldRejectApiVersionsV3WithInvalidClientSoftwareName() {
    // When
    ApiVersionsResponseData invalid =
        ApiVersionsResponses.forRequest(
            new ApiVersionsRequestData()
                .setClientSoftwareName("bad name!")
                .setClientSoftwareVersion("1.0"),
            (short) 3);
    ApiVersionsResponseData valid =
        ApiVersionsResponses.forRequest(
            new ApiVersionsRequestData()
                .setClientSoftwareName("apache-kafka-java")
                .setClientSoftwareVersion("4.4.0"),
            (short) 3);
    // Then
    assertThat(invalid.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
    assertThat(valid.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(valid.apiKeys()).hasSize(ISSUE_APIS.size());
  }

  @Test
  void shouldAnswerOnlyApiVersionsUnsupportedRequests() {
    assertThat(
            ApiVersionsResponses.answerTo(
                new io.kafscale.protocol.frame.UnsupportedRequest((short) 11, (short) 99, 1, "x")))
        .isEmpty();
    assertThat(
            ApiVersionsResponses.answerTo(
                new io.kafscale.protocol.frame.UnsupportedRequest((short) 18, (short) 99, 1, "x")))
        .hasValueSatisfying(frame -> assertThat(frame.apiVersion()).isZero());
  }
}
