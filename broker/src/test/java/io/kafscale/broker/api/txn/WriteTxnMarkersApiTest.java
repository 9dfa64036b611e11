/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.ApiTestContext;
import io.kafscale.broker.group.CoordinatorPartitions;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarker;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarkerTopic;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WriteTxnMarkers through the broker's API dispatcher onto real partition logs. */
class WriteTxnMarkersApiTest {
  private final ApiTestContext ctx = new ApiTestContext();

  @AfterEach
  void tearDown() {
    ctx.close();
  }

  private static WriteTxnMarkersRequestData request(String topic, int partition) {
    return new WriteTxnMarkersRequestData()
        .setMarkers(
            List.of(
                new WritableTxnMarker()
                    .setProducerId(77)
                    .setProducerEpoch((short) 0)
                    .setTransactionResult(false)
                    .setCoordinatorEpoch(1)
                    .setTopics(
                        List.of(
                            new WritableTxnMarkerTopic()
                                .setName(topic)
                                .setPartitionIndexes(List.of(partition))))));
  }

  private static Errors errorOf(WriteTxnMarkersResponseData response) {
    return Errors.forCode(
        response.markers().get(0).topics().get(0).partitions().get(0).errorCode());
  }

  @Test
  void shouldAppendAControlBatchToAnOwnedPartitionAtEveryServedVersion() {
    // Given
    ctx.createTopic("orders", 1, Map.of());
    long expectedEnd = 0;
    for (short v = ApiKeys.WRITE_TXN_MARKERS.oldestVersion();
        v <= ApiKeys.WRITE_TXN_MARKERS.latestVersion(false);
        v++) {
      // When
      WriteTxnMarkersResponseData response =
          ctx.call(ApiKeys.WRITE_TXN_MARKERS, v, request("orders", 0));
      // Then
      expectedEnd++;
      assertThat(errorOf(response)).as("v%d", v).isEqualTo(Errors.NONE);
      assertThat(ctx.node.topics().log("orders", 0).orElseThrow().highWatermark())
          .isEqualTo(expectedEnd);
    }
  }

  @Test
  void shouldHandAnOffsetsPartitionsMarkerToTheGroupSideWhichAcceptsOneWithNothingPending() {
    // When
    WriteTxnMarkersResponseData response =
        ctx.call(
            ApiKeys.WRITE_TXN_MARKERS,
            ApiKeys.WRITE_TXN_MARKERS.latestVersion(false),
            request(CoordinatorPartitions.TOPIC, 0));
    // Then
    assertThat(errorOf(response)).isEqualTo(Errors.NONE);
  }

  @Test
  void shouldAnswerUnknownTopicOrPartitionForAMissingTopic() {
    // When
    WriteTxnMarkersResponseData response =
        ctx.call(
            ApiKeys.WRITE_TXN_MARKERS,
            ApiKeys.WRITE_TXN_MARKERS.latestVersion(false),
            request("missing", 0));
    // Then
    assertThat(errorOf(response)).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
  }
}
