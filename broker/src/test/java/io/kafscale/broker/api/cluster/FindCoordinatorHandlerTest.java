/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.ApiTestContext;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.cluster.ClusterView;
import io.kafscale.broker.group.CoordinatorPartitions;
import io.kafscale.metadata.cluster.ClusterImage;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.protocol.frame.RequestFrame;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData.Coordinator;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * FindCoordinator through {@link ApiTestContext} (each response is also encoded at its request
 * version, so a field the version lacks fails the test).
 */
class FindCoordinatorHandlerTest {
  private static final short LATEST = ApiKeys.FIND_COORDINATOR.latestVersion(false);
  private static final byte GROUP = 0;
  private static final byte TRANSACTION = 1;
  private static final byte SHARE = 2;

  private final ApiTestContext ctx = new ApiTestContext();

  @AfterEach
  void tearDown() {
    ctx.close();
  }

  private FindCoordinatorResponseData single(int version, byte keyType, String key) {
    return ctx.call(
        ApiKeys.FIND_COORDINATOR,
        version,
        new FindCoordinatorRequestData().setKey(key).setKeyType(keyType));
  }

  private FindCoordinatorResponseData batched(int version, byte keyType, String... keys) {
    return ctx.call(
        ApiKeys.FIND_COORDINATOR,
        version,
        new FindCoordinatorRequestData().setKeyType(keyType).setCoordinatorKeys(List.of(keys)));
  }

  @Test
  void shouldNameThisBrokerAsGroupCoordinatorForSingleKeyVersions() {
    for (short v = 0; v < 4; v++) {
      // When
      FindCoordinatorResponseData response = single(v, GROUP, "orders");
      // Then
      assertThat(response.errorCode()).as("v%d", v).isEqualTo(Errors.NONE.code());
      if (v >= 1) {
        assertThat(response.errorMessage()).as("v%d", v).isNull();
      }
      assertThat(response.nodeId()).as("v%d", v).isEqualTo(ApiTestContext.BROKER_ID);
      assertThat(response.host()).as("v%d", v).isEqualTo("127.0.0.1");
      assertThat(response.port()).as("v%d", v).isEqualTo(9092);
      assertThat(response.coordinators()).as("v%d", v).isEmpty();
    }
  }

  @Test
  void shouldAnswerEveryBatchedGroupKeyInRequestOrderFromVersionFour() {
    for (short v = 4; v <= LATEST; v++) {
      // When
      FindCoordinatorResponseData response = batched(v, GROUP, "orders", "billing", "audit");
      // Then
      assertThat(response.coordinators())
          .as("v%d", v)
          .extracting(Coordinator::key)
          .containsExactly("orders", "billing", "audit");
      assertThat(response.coordinators())
          .as("v%d", v)
          .allSatisfy(
              c -> {
                assertThat(c.errorCode()).isEqualTo(Errors.NONE.code());
                assertThat(c.errorMessage()).isNull();
                assertThat(c.nodeId()).isEqualTo(ApiTestContext.BROKER_ID);
                assertThat(c.host()).isEqualTo("127.0.0.1");
                assertThat(c.port()).isEqualTo(9092);
              });
      assertThat(response.errorCode()).as("v%d top level", v).isEqualTo(Errors.NONE.code());
    }
  }

  @Test
  void shouldAnswerAnEmptyBatchWithNoCoordinators() {
    // When
    FindCoordinatorResponseData response = batched(LATEST, GROUP);
    // Then
    assertThat(response.coordinators()).isEmpty();
  }

  @Test
  void shouldNameThisBrokerForAnEmptyGroupIdAsApacheKafkaDoes() {
    // When: Kafka's FindCoordinator does not validate group ids (JoinGroup and friends do)
    FindCoordinatorResponseData old = single(3, GROUP, "");
    FindCoordinatorResponseData batched = batched(LATEST, GROUP, "");
    // Then
    assertThat(old.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(old.nodeId()).isEqualTo(ApiTestContext.BROKER_ID);
    assertThat(batched.coordinators())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.key()).isEmpty();
              assertThat(c.errorCode()).isEqualTo(Errors.NONE.code());
              assertThat(c.nodeId()).isEqualTo(ApiTestContext.BROKER_ID);
            });
  }

  @Test
  void shouldAnswerTransactionKeysWithThisBrokerSoInitProducerIdCanRefuseThem() {
    for (short v = 1; v <= LATEST; v++) {
      // When
      FindCoordinatorResponseData response =
          v < 4 ? single(v, TRANSACTION, "tx-1") : batched(v, TRANSACTION, "tx-1", "tx-2");
      // Then
      if (v < 4) {
        assertThat(response.errorCode()).as("v%d", v).isEqualTo(Errors.NONE.code());
        assertThat(response.nodeId()).as("v%d", v).isEqualTo(ApiTestContext.BROKER_ID);
      } else {
        assertThat(response.coordinators())
            .as("v%d", v)
            .hasSize(2)
            .allSatisfy(
                c -> {
                  assertThat(c.errorCode()).isEqualTo(Errors.NONE.code());
                  assertThat(c.nodeId()).isEqualTo(ApiTestContext.BROKER_ID);
                });
      }
    }
  }

  @Test
  void shouldRejectShareKeysAsInvalidRequest() {
    // When
    FindCoordinatorResponseData beforeShareVersions = single(3, SHARE, "g:topic:0");
    FindCoordinatorResponseData latest = batched(LATEST, SHARE, "g:topic:0");
    // Then
    assertThat(beforeShareVersions.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
    assertThat(beforeShareVersions.nodeId()).isEqualTo(-1);
    assertThat(latest.coordinators())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.key()).isEqualTo("g:topic:0");
              assertThat(c.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
              assertThat(c.errorMessage()).contains("Share groups");
              assertThat(c.nodeId()).isEqualTo(-1);
            });
  }

  @Test
  void shouldRejectUnknownKeyTypesAsInvalidRequest() {
    // When
    FindCoordinatorResponseData old = single(2, (byte) 7, "x");
    FindCoordinatorResponseData batched = batched(4, (byte) -1, "x", "y");
    // Then
    assertThat(old.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
    assertThat(old.errorMessage()).contains("key type 7");
    assertThat(batched.coordinators())
        .extracting(Coordinator::errorCode)
        .containsExactly(Errors.INVALID_REQUEST.code(), Errors.INVALID_REQUEST.code());
  }

  @Test
  void shouldAdvertiseFindCoordinatorUpToTheLatestStableVersion() {
    // When
    ApiVersionsResponseData response =
        ctx.call(
            ApiKeys.API_VERSIONS,
            3,
            new ApiVersionsRequestData()
                .setClientSoftwareName("test")
                .setClientSoftwareVersion("1"));
    // Then
    ApiVersionsResponseData.ApiVersion entry = response.apiKeys().find(ApiKeys.FIND_COORDINATOR.id);
    assertThat(entry).isNotNull();
    assertThat(entry.minVersion()).isZero();
    assertThat(entry.maxVersion()).isEqualTo(LATEST);
  }

  @Test
  void shouldAnswerCoordinatorNotAvailableWhileTheGroupsPartitionHasNoOwner() {
    // Given: an image without the coordinator topic's owners
    BrokerRecord self =
        new BrokerRecord(1, "127.0.0.1", 9092, java.util.Optional.empty(), 0, false, "i");
    FindCoordinatorHandler handler =
        new FindCoordinatorHandler(
            new BrokerEndpoint(1, "127.0.0.1", 9092, null),
            new ClusterView(ClusterImage::empty, self),
            new CoordinatorPartitions() {
              @Override
              public int count() {
                return 50;
              }

              @Override
              public java.util.Optional<io.kafscale.metadata.model.CoordinatorFence> fence(int p) {
                return java.util.Optional.empty();
              }
            });
    RequestFrame frame =
        new RequestFrame(
            ApiKeys.FIND_COORDINATOR,
            (short) 3,
            new RequestHeaderData(),
            new FindCoordinatorRequestData(),
            0,
            Unpooled.EMPTY_BUFFER);
    // When
    FindCoordinatorResponseData single =
        handler
            .handle(
                new RequestContext(1, null, "test"),
                frame,
                new FindCoordinatorRequestData().setKey("g"))
            .toCompletableFuture()
            .join();
    // Then
    assertThat(single.errorCode()).isEqualTo(Errors.COORDINATOR_NOT_AVAILABLE.code());
    assertThat(single.nodeId()).isEqualTo(-1);
  }
}
