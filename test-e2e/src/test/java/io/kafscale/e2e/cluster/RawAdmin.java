/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.cluster;

import io.kafscale.broker.testing.BrokerProcess;
import io.kafscale.e2e.support.RawConnection;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;

/**
 * CreateTopics and Metadata sent to one chosen broker over a bare connection. The Admin client
 * routes CreateTopics to whichever broker it thinks is the controller; the concurrency tests need
 * two specific brokers to race, and need the raw topic list (duplicates included). Stateless,
 * thread-safe (one connection per call).
 */
public final class RawAdmin {
  private static final short CREATE_TOPICS_VERSION = 5;
  private static final short METADATA_VERSION = 12;
  private static final AtomicInteger CORRELATION = new AtomicInteger();

  private RawAdmin() {}

  /** What one CreateTopics of a single topic answered: its error and message. */
  public record CreateResult(Errors error, String message) {}

  /** Creates {@code topic} with {@code partitions} (replication 1) through {@code broker}. */
  public static CreateResult createTopic(BrokerProcess broker, String topic, int partitions) {
    CreateTopicsRequestData.CreatableTopicCollection topics =
        new CreateTopicsRequestData.CreatableTopicCollection();
    topics.add(
        new CreateTopicsRequestData.CreatableTopic()
            .setName(topic)
            .setNumPartitions(partitions)
            .setReplicationFactor((short) 1));
    CreateTopicsRequestData request =
        new CreateTopicsRequestData().setTopics(topics).setTimeoutMs(30_000);
    ByteBuffer payload = send(broker, ApiKeys.CREATE_TOPICS, CREATE_TOPICS_VERSION, request);
    CreateTopicsResponseData response =
        new CreateTopicsResponseData(new ByteBufferAccessor(payload), CREATE_TOPICS_VERSION);
    CreateTopicsResponseData.CreatableTopicResult result = response.topics().find(topic);
    if (result == null) {
      throw new AssertionError("CreateTopics response without " + topic + ": " + response);
    }
    return new CreateResult(Errors.forCode(result.errorCode()), result.errorMessage());
  }

  /** The Metadata answer of {@code broker} for all topics. */
  public static MetadataResponseData metadata(BrokerProcess broker) {
    MetadataRequestData request =
        new MetadataRequestData().setTopics(null).setAllowAutoTopicCreation(false);
    ByteBuffer payload = send(broker, ApiKeys.METADATA, METADATA_VERSION, request);
    return new MetadataResponseData(new ByteBufferAccessor(payload), METADATA_VERSION);
  }

  private static ByteBuffer send(
      BrokerProcess broker, ApiKeys api, short version, ApiMessage body) {
    int correlationId = CORRELATION.incrementAndGet();
    RequestHeaderData header =
        new RequestHeaderData()
            .setRequestApiKey(api.id)
            .setRequestApiVersion(version)
            .setCorrelationId(correlationId)
            .setClientId("cluster-raw-admin");
    try (RawConnection connection = new RawConnection(broker.kafkaPort())) {
      connection.write(
          RawConnection.frame(header, api.requestHeaderVersion(version), body, version));
      return connection.readResponse(correlationId, api.responseHeaderVersion(version));
    }
  }
}
