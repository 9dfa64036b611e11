/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.protocol.records.RecordBatches;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

  @Test
  void shouldPutErrorOnEveryProducePartition() {
    // Given
    ProduceRequestData request =
        new ProduceRequestData()
            .setAcks((short) -1)
            .setTopicData(
                new ProduceRequestData.TopicProduceDataCollection(
                    List.of(
                            new ProduceRequestData.TopicProduceData()
                                .setName("orders")
                                .setPartitionData(
                                    List.of(
                                        new ProduceRequestData.PartitionProduceData()
                                            .setIndex(0)
                                            .setRecords(RecordBatches.empty()),
                                        new ProduceRequestData.PartitionProduceData()
                                            .setIndex(1)
                                            .setRecords(RecordBatches.empty()))))
                        .iterator()));
    // When
    ProduceResponseData response =
        (ProduceResponseData)
            ErrorResponses.of(ApiKeys.PRODUCE, (short) 9, request, Errors.NOT_LEADER_OR_FOLLOWER);
    // Then
    assertThat(
            response
                .responses()
                .find("orders", org.apache.kafka.common.Uuid.ZERO_UUID)
                .partitionResponses())
        .extracting(p -> p.index(), p -> p.errorCode())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, Errors.NOT_LEADER_OR_FOLLOWER.code()),
            org.assertj.core.groups.Tuple.tuple(1, Errors.NOT_LEADER_OR_FOLLOWER.code()));
  }

  @Test
  void shouldPutErrorOnEveryMetadataTopic() {
    // Given
    MetadataRequestData request =
        new MetadataRequestData()
            .setTopics(List.of(new MetadataRequestData.MetadataRequestTopic().setName("a")));
    // When
    MetadataResponseData response =
        (MetadataResponseData)
            ErrorResponses.of(ApiKeys.METADATA, (short) 12, request, Errors.UNKNOWN_SERVER_ERROR);
    // Then
    assertThat(response.topics())
        .extracting(t -> t.name(), t -> t.errorCode())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", Errors.UNKNOWN_SERVER_ERROR.code()));
  }

  @Test
  void shouldBuildErrorResponseForRequestsWithoutPublicWrapperConstructor() {
    // Given
    DeleteTopicsRequestData request =
        new DeleteTopicsRequestData().setTopicNames(List.of("a", "b"));
    // When
    DeleteTopicsResponseData response =
        (DeleteTopicsResponseData)
            ErrorResponses.of(ApiKeys.DELETE_TOPICS, (short) 4, request, Errors.REQUEST_TIMED_OUT);
    // Then
    assertThat(response.responses())
        .extracting(r -> r.name(), r -> r.errorCode())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("a", Errors.REQUEST_TIMED_OUT.code()),
            org.assertj.core.groups.Tuple.tuple("b", Errors.REQUEST_TIMED_OUT.code()));
  }

  @Test
  void shouldRefuseErrorResponseForProduceWithAcksZero() {
    // When / Then
    assertThatThrownBy(
            () ->
                ErrorResponses.of(
                    ApiKeys.PRODUCE,
                    (short) 9,
                    new ProduceRequestData().setAcks((short) 0),
                    Errors.NOT_LEADER_OR_FOLLOWER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acks=0");
  }

  @Test
  void shouldMapThrowablesToKafkaErrors() {
    assertThat(
            ErrorResponses.errorFor(
                new CompletionException(new NotLeaderOrFollowerException("moved"))))
        .isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER);
    assertThat(ErrorResponses.errorFor(new IllegalStateException("bug")))
        .isEqualTo(Errors.UNKNOWN_SERVER_ERROR);
  }

  @Test
  void shouldRejectBodyOfAnotherApi() {
    assertThatThrownBy(
            () ->
                ErrorResponses.of(
                    ApiKeys.PRODUCE, (short) 9, new MetadataRequestData(), Errors.NONE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
