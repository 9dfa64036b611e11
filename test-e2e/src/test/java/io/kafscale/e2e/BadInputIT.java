/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.broker.testing.BrokerProcess;
import io.kafscale.e2e.support.Brokers;
import io.kafscale.e2e.support.Clients;
import io.kafscale.e2e.support.RawConnection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile or broken input on one connection gets the right error or a closed connection, stores
 * nothing, and never stops the broker from serving everyone else.
 */
class BadInputIT {
  private static final String TOPIC = "victim";
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
  private static final Duration CLOSE_WITHIN = Duration.ofSeconds(10);

  private static BrokerProcess broker;

  @BeforeAll
  static void createVictimTopic() {
    broker = Brokers.shared();
    Clients.createTopic(broker.bootstrapServers(), TOPIC, 1);
  }

  @AfterEach
  void brokerStillServesOtherConnectionsAndStoredNothing() throws Exception {
    assertThat(broker.isAlive()).as("broker process alive").isTrue();
    assertThat(Clients.endOffset(broker.bootstrapServers(), PARTITION))
        .as("victim end offset")
        .isZero();
    try (KafkaProducer<byte[], byte[]> producer =
        Clients.producer(broker.bootstrapServers(), "none")) {
      long offset =
          producer
              .send(new ProducerRecord<>("healthy", "ok".getBytes(StandardCharsets.UTF_8)))
              .get(30, TimeUnit.SECONDS)
              .offset();
      assertThat(offset).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void shouldCloseConnectionOnGarbageBytes() {
    try (RawConnection connection = new RawConnection(broker.kafkaPort())) {
      // When: an HTTP request line, whose first four bytes read as a ~1.1 GB frame length
      connection.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

      // Then
      assertThat(connection.closedByPeerWithin(CLOSE_WITHIN)).isTrue();
    }
  }

  @Test
  void shouldCloseConnectionOnFrameWithHugeLength() {
    try (RawConnection connection = new RawConnection(broker.kafkaPort())) {
      // When
      connection.write(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 18, 0, 0});

      // Then
      assertThat(connection.closedByPeerWithin(CLOSE_WITHIN)).isTrue();
    }
  }

  @Test
  void shouldAnswerCorruptMessageForBatchWithWrongCrc() {
    // Given
    short version = 9;
    ByteBuffer records =
        MemoryRecords.withRecords(
                Compression.NONE,
                new SimpleRecord(
                    "k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8)))
            .buffer();
    records.put(records.limit() - 1, (byte) (records.get(records.limit() - 1) ^ 0x5a));
    ProduceRequestData.TopicProduceDataCollection topics =
        new ProduceRequestData.TopicProduceDataCollection();
    topics.add(
        new ProduceRequestData.TopicProduceData()
            .setName(TOPIC)
            .setPartitionData(
                List.of(
                    new ProduceRequestData.PartitionProduceData()
                        .setIndex(0)
                        .setRecords(MemoryRecords.readableRecords(records)))));
    ProduceRequestData produce =
        new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000).setTopicData(topics);

    try (RawConnection connection = new RawConnection(broker.kafkaPort())) {
      // When
      connection.write(
          RawConnection.frame(
              header(ApiKeys.PRODUCE.id, version, 7),
              ApiKeys.PRODUCE.requestHeaderVersion(version),
              produce,
              version));
      ByteBuffer payload =
          connection.readResponse(7, ApiKeys.PRODUCE.responseHeaderVersion(version));

      // Then
      ProduceResponseData response =
          new ProduceResponseData(new ByteBufferAccessor(payload), version);
      assertThat(response.responses()).hasSize(1);
      assertThat(response.responses().iterator().next().partitionResponses())
          .singleElement()
          .satisfies(
              p -> assertThat(Errors.forCode(p.errorCode())).isEqualTo(Errors.CORRUPT_MESSAGE));
    }
  }

  @Test
  void shouldCloseConnectionOnUnknownApiKey() {
    try (RawConnection connection = new RawConnection(broker.kafkaPort())) {
      // When
      connection.write(
          RawConnection.frame(
              header((short) 999, (short) 0, 3),
              (short) 1,
              new ApiVersionsRequestData(),
              (short) 0));

      // Then
      assertThat(connection.closedByPeerWithin(CLOSE_WITHIN)).isTrue();
    }
  }

  @Test
  void shouldAnswerApiVersionsWithUnsupportedVersionAtVersionZeroForUnknownVersion() {
    try (RawConnection connection = new RawConnection(broker.kafkaPort())) {
      // When
      ApiVersionsRequestData body =
          new ApiVersionsRequestData().setClientSoftwareName("e2e").setClientSoftwareVersion("1");
      connection.write(
          RawConnection.frame(
              header(ApiKeys.API_VERSIONS.id, (short) 99, 11), (short) 2, body, (short) 3));
      ByteBuffer payload = connection.readResponse(11, (short) 0);

      // Then
      ApiVersionsResponseData response =
          new ApiVersionsResponseData(new ByteBufferAccessor(payload), (short) 0);
      assertThat(Errors.forCode(response.errorCode())).isEqualTo(Errors.UNSUPPORTED_VERSION);
      assertThat(response.apiKeys().find(ApiKeys.API_VERSIONS.id)).isNotNull();
    }
  }

  @Test
  void shouldRejectCreateTopicsWithInvalidName() {
    try (Admin admin = Clients.admin(broker.bootstrapServers())) {
      // When / Then
      assertThatThrownBy(
              () ->
                  admin
                      .createTopics(List.of(new NewTopic("bad/name", 1, (short) 1)))
                      .all()
                      .get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(InvalidTopicException.class);
    }
  }

  private static RequestHeaderData header(short apiKey, short version, int correlationId) {
    return new RequestHeaderData()
        .setRequestApiKey(apiKey)
        .setRequestApiVersion(version)
        .setCorrelationId(correlationId)
        .setClientId("bad-input-it");
  }
}
