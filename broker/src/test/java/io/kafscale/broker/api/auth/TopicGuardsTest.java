/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclResourceType;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.junit.jupiter.api.Test;

class TopicGuardsTest {
  private static final Uuid SECRET_ID = Uuid.randomUuid();
  private static final Uuid PUBLIC_ID = Uuid.randomUuid();
  private final GuardFixture fixture = new GuardFixture();

  private static Optional<String> names(Uuid id) {
    return id.equals(SECRET_ID)
        ? Optional.of("secret")
        : id.equals(PUBLIC_ID) ? Optional.of("public") : Optional.empty();
  }

  private static ProduceRequestData produce(String txnId, short acks, String... topics) {
    ProduceRequestData q =
        new ProduceRequestData().setAcks(acks).setTimeoutMs(1000).setTransactionalId(txnId);
    for (String t : topics) {
      q.topicData()
          .add(
              new ProduceRequestData.TopicProduceData()
                  .setName(t)
                  .setPartitionData(
                      List.of(
                          new ProduceRequestData.PartitionProduceData()
                              .setIndex(0)
                              .setRecords(MemoryRecords.EMPTY))));
    }
    return q;
  }

  private static ApiMessage produced(ApiMessage request) {
    ProduceResponseData r = new ProduceResponseData();
    for (var t : ((ProduceRequestData) request).topicData()) {
      var topic = new ProduceResponseData.TopicProduceResponse().setName(t.name());
      topic
          .partitionResponses()
          .add(new ProduceResponseData.PartitionProduceResponse().setIndex(0));
      r.responses().add(topic);
    }
    return r;
  }

  @Test
  void shouldWriteWritableTopicsAndRefuseTheOthersInRequestOrder() {
    // Given
    fixture
        .allow(AclOperation.WRITE, AclResourceType.TOPIC, "b")
        .answering(TopicGuardsTest::produced);

    // When
    ProduceResponseData response =
        fixture.run(
            TopicGuards.produce(TopicGuardsTest::names),
            ApiKeys.PRODUCE,
            9,
            produce(null, (short) -1, "a", "b", "c"));

    // Then
    assertThat(((ProduceRequestData) fixture.forwarded.get(0)).topicData())
        .extracting(t -> t.name())
        .containsExactly("b");
    assertThat(
            GuardFixture.<ProduceResponseData>onTheWire(ApiKeys.PRODUCE, 9, response).responses())
        .extracting(t -> t.name(), t -> Errors.forCode(t.partitionResponses().get(0).errorCode()))
        .containsExactly(
            tuple("a", Errors.TOPIC_AUTHORIZATION_FAILED),
            tuple("b", Errors.NONE),
            tuple("c", Errors.TOPIC_AUTHORIZATION_FAILED));
  }

  @Test
  void shouldRefuseATransactionalProduceWithoutWriteOnTheTransactionalId() {
    // Given
    fixture.allow(AclOperation.WRITE, AclResourceType.TOPIC, "a");

    // When
    ProduceResponseData response =
        fixture.run(
            TopicGuards.produce(TopicGuardsTest::names),
            ApiKeys.PRODUCE,
            9,
            produce("tx", (short) -1, "a"));

    // Then
    assertThat(fixture.forwarded).isEmpty();
    assertThat(response.responses().iterator().next().partitionResponses().get(0).errorCode())
        .isEqualTo(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.code());
  }

  @Test
  void shouldRefuseUnreadableTopicsPerPartitionInAFetchByTopicId() {
    // Given a v13 fetch naming topics by id
    fixture
        .allow(AclOperation.READ, AclResourceType.TOPIC, "public")
        .answering(
            q -> {
              FetchResponseData r = new FetchResponseData();
              for (var t : ((FetchRequestData) q).topics()) {
                r.responses()
                    .add(
                        new FetchResponseData.FetchableTopicResponse()
                            .setTopicId(t.topicId())
                            .setPartitions(
                                List.of(
                                    new FetchResponseData.PartitionData()
                                        .setPartitionIndex(0)
                                        .setRecords(MemoryRecords.EMPTY))));
              }
              return r;
            });
    FetchRequestData request = new FetchRequestData();
    for (Uuid id : List.of(SECRET_ID, PUBLIC_ID)) {
      request
          .topics()
          .add(
              new FetchRequestData.FetchTopic()
                  .setTopicId(id)
                  .setPartitions(List.of(new FetchRequestData.FetchPartition().setPartition(0))));
    }

    // When
    FetchResponseData response =
        fixture.run(TopicGuards.fetch(TopicGuardsTest::names), ApiKeys.FETCH, 13, request);

    // Then the refused topic has its own partition error, not a top-level one
    FetchResponseData read = GuardFixture.onTheWire(ApiKeys.FETCH, 13, response);
    assertThat(read.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(read.responses())
        .extracting(t -> t.topicId(), t -> Errors.forCode(t.partitions().get(0).errorCode()))
        .containsExactly(
            tuple(SECRET_ID, Errors.TOPIC_AUTHORIZATION_FAILED), tuple(PUBLIC_ID, Errors.NONE));
  }

  @Test
  void shouldWriteTheWritableTopicsThenCloseTheConnectionWhenAnAcksZeroProduceIsPartlyRefused() {
    // Given
    fixture.allow(AclOperation.WRITE, AclResourceType.TOPIC, "b");

    // When
    var stage =
        fixture.start(
            TopicGuards.produce(TopicGuardsTest::names),
            ApiKeys.PRODUCE,
            9,
            produce(null, (short) 0, "a", "b"));

    // Then
    assertThat(((ProduceRequestData) fixture.forwarded.get(0)).topicData())
        .extracting(t -> t.name())
        .containsExactly("b");
    assertThat(stage)
        .failsWithin(java.time.Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(io.kafscale.broker.api.CloseConnectionException.class);
  }

  @Test
  void shouldCloseTheConnectionWithoutWritingWhenAnAcksZeroTransactionalProduceIsRefused() {
    // Given
    fixture.allow(AclOperation.WRITE, AclResourceType.TOPIC, "a");

    // When
    var stage =
        fixture.start(
            TopicGuards.produce(TopicGuardsTest::names),
            ApiKeys.PRODUCE,
            9,
            produce("tx", (short) 0, "a"));

    // Then
    assertThat(fixture.forwarded).isEmpty();
    assertThat(stage)
        .failsWithin(java.time.Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(io.kafscale.broker.api.CloseConnectionException.class);
  }

  @Test
  void shouldPassAnAcksZeroProduceUntouchedWhenEveryTopicIsWritable() {
    // Given
    fixture.allow(AclOperation.WRITE, AclResourceType.TOPIC, "a");
    ProduceRequestData request = produce(null, (short) 0, "a");

    // When
    var stage =
        fixture.start(TopicGuards.produce(TopicGuardsTest::names), ApiKeys.PRODUCE, 9, request);

    // Then
    assertThat(fixture.forwarded).containsExactly(request);
    assertThat(stage).isCompletedWithValue(null);
  }
}
