/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.protocol.api.SupportedApis;
import io.kafscale.protocol.error.ErrorResponses;
import io.kafscale.protocol.frame.RequestFrame;
import io.kafscale.protocol.frame.ResponseFrame;
import io.kafscale.protocol.records.RecordBatches;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AlterUserScramCredentialsRequestData;
import org.apache.kafka.common.message.CreateAclsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.DeleteAclsRequestData;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DescribeAclsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.RequestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every served API at every served version: kafka-clients' bytes decode to an equal message, and
 * our encoder's bytes parse back in kafka-clients to an equal message.
 */
class RoundTripTest {
  private static final Uuid TOPIC_ID = Uuid.fromString("pMa4kY3uQ2SbXvV5cVt8uA");

  static Stream<Arguments> servedVersions() {
    List<Arguments> cases = new ArrayList<>();
    for (SupportedApis api : SupportedApis.values()) {
      for (short v = api.minServedVersion(); v <= api.maxServedVersion(); v++) {
        cases.add(Arguments.of(api.apiKey(), v));
      }
    }
    return cases.stream();
  }

  /** A request body with some content where the API has simple lists; defaults elsewhere. */
  static ApiMessage sampleRequest(ApiKeys apiKey, short version) {
    return switch (apiKey) {
      case METADATA ->
          new MetadataRequestData()
              .setTopics(List.of(new MetadataRequestData.MetadataRequestTopic().setName("orders")))
              .setAllowAutoTopicCreation(true);
      case CREATE_TOPICS ->
          new CreateTopicsRequestData()
              .setTimeoutMs(30_000)
              .setTopics(
                  new CreateTopicsRequestData.CreatableTopicCollection(
                      List.of(
                              new CreateTopicsRequestData.CreatableTopic()
                                  .setName("orders")
                                  .setNumPartitions(3)
                                  .setReplicationFactor((short) 1))
                          .iterator()));
      case DELETE_TOPICS ->
          version >= 6
              ? new DeleteTopicsRequestData()
                  .setTopics(
                      List.of(
                          new DeleteTopicsRequestData.DeleteTopicState()
                              .setName("orders")
                              .setTopicId(Uuid.ZERO_UUID)))
              : new DeleteTopicsRequestData().setTopicNames(List.of("orders"));
      case LIST_OFFSETS ->
          new ListOffsetsRequestData()
              .setReplicaId(-1)
              .setTopics(
                  List.of(
                      new ListOffsetsRequestData.ListOffsetsTopic()
                          .setName("orders")
                          .setPartitions(
                              List.of(
                                  new ListOffsetsRequestData.ListOffsetsPartition()
                                      .setPartitionIndex(0)
                                      .setTimestamp(-1)))));
      case ALTER_CONFIGS ->
          new org.apache.kafka.common.message.AlterConfigsRequestData()
              .setResources(
                  new org.apache.kafka.common.message.AlterConfigsRequestData
                      .AlterConfigsResourceCollection(
                      List.of(
                              new org.apache.kafka.common.message.AlterConfigsRequestData
                                      .AlterConfigsResource()
                                  .setResourceType((byte) 2)
                                  .setResourceName("orders"))
                          .iterator()));
      case INCREMENTAL_ALTER_CONFIGS ->
          new org.apache.kafka.common.message.IncrementalAlterConfigsRequestData()
              .setResources(
                  new org.apache.kafka.common.message.IncrementalAlterConfigsRequestData
                      .AlterConfigsResourceCollection(
                      List.of(
                              new org.apache.kafka.common.message.IncrementalAlterConfigsRequestData
                                      .AlterConfigsResource()
                                  .setResourceType((byte) 2)
                                  .setResourceName("orders"))
                          .iterator()));
      case WRITE_TXN_MARKERS ->
          new org.apache.kafka.common.message.WriteTxnMarkersRequestData()
              .setMarkers(
                  List.of(
                      new org.apache.kafka.common.message.WriteTxnMarkersRequestData
                              .WritableTxnMarker()
                          .setProducerId(7)
                          .setProducerEpoch((short) 1)
                          .setTransactionResult(true)
                          .setCoordinatorEpoch(3)
                          .setTopics(
                              List.of(
                                  new org.apache.kafka.common.message.WriteTxnMarkersRequestData
                                          .WritableTxnMarkerTopic()
                                      .setName("orders")
                                      .setPartitionIndexes(List.of(0, 1))))));
      case DESCRIBE_CONFIGS ->
          new DescribeConfigsRequestData()
              .setResources(
                  List.of(
                      new DescribeConfigsRequestData.DescribeConfigsResource()
                          .setResourceType((byte) 2)
                          .setResourceName("orders")));
      case PRODUCE -> {
        ProduceRequestData.TopicProduceData topic =
            new ProduceRequestData.TopicProduceData()
                .setPartitionData(
                    List.of(
                        new ProduceRequestData.PartitionProduceData()
                            .setIndex(0)
                            .setRecords(RecordBatches.empty())));
        if (version >= 13) {
          topic.setTopicId(TOPIC_ID);
        } else {
          topic.setName("orders");
        }
        yield new ProduceRequestData()
            .setAcks((short) -1)
            .setTimeoutMs(30_000)
            .setTopicData(
                new ProduceRequestData.TopicProduceDataCollection(List.of(topic).iterator()));
      }
      case FETCH -> {
        FetchRequestData.FetchTopic topic =
            new FetchRequestData.FetchTopic()
                .setPartitions(
                    List.of(
                        new FetchRequestData.FetchPartition().setPartition(0).setFetchOffset(5)));
        if (version >= 13) {
          topic.setTopicId(TOPIC_ID);
        } else {
          topic.setTopic("orders");
        }
        yield new FetchRequestData().setReplicaId(-1).setMaxWaitMs(500).setTopics(List.of(topic));
      }
      case CREATE_PARTITIONS ->
          new CreatePartitionsRequestData()
              .setTopics(
                  new CreatePartitionsRequestData.CreatePartitionsTopicCollection(
                      List.of(
                              new CreatePartitionsRequestData.CreatePartitionsTopic()
                                  .setName("orders")
                                  .setCount(6))
                          .iterator()));
      case FIND_COORDINATOR ->
          version >= 4
              ? new FindCoordinatorRequestData()
                  .setKeyType((byte) 1)
                  .setCoordinatorKeys(List.of("orders-group", "billing-group"))
              // key_type is on the wire from v1
              : new FindCoordinatorRequestData()
                  .setKey("orders-group")
                  .setKeyType(version >= 1 ? (byte) 1 : (byte) 0);
      case OFFSET_FOR_LEADER_EPOCH -> {
        OffsetForLeaderEpochRequestData.OffsetForLeaderTopic topic =
            new OffsetForLeaderEpochRequestData.OffsetForLeaderTopic().setTopic("orders");
        topic
            .partitions()
            .add(
                new OffsetForLeaderEpochRequestData.OffsetForLeaderPartition()
                    .setPartition(0)
                    .setCurrentLeaderEpoch(3)
                    .setLeaderEpoch(2));
        // replica_id is on the wire from v3 (v2 reads as the default, -2)
        OffsetForLeaderEpochRequestData request =
            new OffsetForLeaderEpochRequestData().setReplicaId(version >= 3 ? -1 : -2);
        request.topics().add(topic);
        yield request;
      }
      case OFFSET_COMMIT -> {
        OffsetCommitRequestData.OffsetCommitRequestTopic topic =
            new OffsetCommitRequestData.OffsetCommitRequestTopic();
        if (version >= 10) {
          topic.setTopicId(TOPIC_ID);
        } else {
          topic.setName("orders");
        }
        topic
            .partitions()
            .add(
                new OffsetCommitRequestData.OffsetCommitRequestPartition()
                    .setPartitionIndex(0)
                    .setCommittedOffset(42));
        yield new OffsetCommitRequestData().setGroupId("g").setTopics(List.of(topic));
      }
      case TXN_OFFSET_COMMIT -> {
        // the response carries errors per partition only: the request needs one to show them
        var topic =
            new org.apache.kafka.common.message.TxnOffsetCommitRequestData
                .TxnOffsetCommitRequestTopic();
        if (version >= 6) {
          topic.setTopicId(TOPIC_ID);
        } else {
          topic.setName("orders");
        }
        topic
            .partitions()
            .add(
                new org.apache.kafka.common.message.TxnOffsetCommitRequestData
                        .TxnOffsetCommitRequestPartition()
                    .setPartitionIndex(0)
                    .setCommittedOffset(42));
        yield new org.apache.kafka.common.message.TxnOffsetCommitRequestData()
            .setTransactionalId("tx")
            .setGroupId("g")
            .setTopics(List.of(topic));
      }
      case OFFSET_FETCH -> {
        if (version >= 8) {
          OffsetFetchRequestData.OffsetFetchRequestGroup group =
              new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId("g").setTopics(null);
          yield new OffsetFetchRequestData().setGroups(List.of(group));
        }
        yield new OffsetFetchRequestData()
            .setGroupId("g")
            .setTopics(
                List.of(
                    new OffsetFetchRequestData.OffsetFetchRequestTopic()
                        .setName("orders")
                        .setPartitionIndexes(List.of(0))));
      }
      case DELETE_RECORDS -> {
        DeleteRecordsRequestData.DeleteRecordsTopic topic =
            new DeleteRecordsRequestData.DeleteRecordsTopic().setName("orders");
        topic
            .partitions()
            .add(
                new DeleteRecordsRequestData.DeleteRecordsPartition()
                    .setPartitionIndex(0)
                    .setOffset(42));
        yield new DeleteRecordsRequestData().setTimeoutMs(1000).setTopics(List.of(topic));
      }
      case ADD_PARTITIONS_TO_TXN -> {
        // v0-3 answer per partition only: the request needs one for the error to show
        var topics =
            new org.apache.kafka.common.message.AddPartitionsToTxnRequestData
                .AddPartitionsToTxnTopicCollection(
                List.of(
                        new org.apache.kafka.common.message.AddPartitionsToTxnRequestData
                                .AddPartitionsToTxnTopic()
                            .setName("orders")
                            .setPartitions(List.of(0, 1)))
                    .iterator());
        var request = new org.apache.kafka.common.message.AddPartitionsToTxnRequestData();
        yield version < 4
            ? request.setV3AndBelowTransactionalId("tx").setV3AndBelowTopics(topics)
            : request;
      }
      case DESCRIBE_PRODUCERS ->
          new org.apache.kafka.common.message.DescribeProducersRequestData()
              .setTopics(
                  new org.apache.kafka.common.message.DescribeProducersRequestData
                      .TopicRequestCollection(
                      List.of(
                              new org.apache.kafka.common.message.DescribeProducersRequestData
                                      .TopicRequest()
                                  .setName("orders")
                                  .setPartitionIndexes(List.of(0)))
                          .iterator()));
      case DESCRIBE_TRANSACTIONS ->
          new org.apache.kafka.common.message.DescribeTransactionsRequestData()
              .setTransactionalIds(List.of("tx"));
      case DESCRIBE_GROUPS -> new DescribeGroupsRequestData().setGroups(List.of("g"));
      case DELETE_GROUPS -> new DeleteGroupsRequestData().setGroupsNames(List.of("g"));
      // ACL codes: resource TOPIC 2, pattern LITERAL 3, operation READ 3 / ANY 1, ALLOW 3 / ANY 1.
      case CREATE_ACLS ->
          new CreateAclsRequestData()
              .setCreations(
                  List.of(
                      new CreateAclsRequestData.AclCreation()
                          .setResourceType((byte) 2)
                          .setResourceName("orders")
                          .setResourcePatternType((byte) 3)
                          .setPrincipal("User:alice")
                          .setHost("*")
                          .setOperation((byte) 3)
                          .setPermissionType((byte) 3)));
      case DESCRIBE_ACLS ->
          new DescribeAclsRequestData()
              .setResourceTypeFilter((byte) 2)
              .setPatternTypeFilter((byte) 3)
              .setOperation((byte) 1)
              .setPermissionType((byte) 1);
      case DELETE_ACLS ->
          new DeleteAclsRequestData()
              .setFilters(
                  List.of(
                      new DeleteAclsRequestData.DeleteAclsFilter()
                          .setResourceTypeFilter((byte) 2)
                          .setPatternTypeFilter((byte) 3)
                          .setOperation((byte) 1)
                          .setPermissionType((byte) 1)));
      case ALTER_USER_SCRAM_CREDENTIALS ->
          new AlterUserScramCredentialsRequestData()
              .setDeletions(
                  List.of(
                      new AlterUserScramCredentialsRequestData.ScramCredentialDeletion()
                          .setName("alice")
                          .setMechanism((byte) 2)));
      default -> apiKey.messageType.newRequest();
    };
  }

  /**
   * The default response, as kafka-clients keeps it: JoinGroupResponse turns an empty protocol name
   * into null from v7, where the field is nullable.
   */
  static ApiMessage defaultResponse(ApiKeys apiKey, short version) {
    ApiMessage response = apiKey.messageType.newResponse();
    if (response instanceof JoinGroupResponseData join && version >= 7) {
      join.setProtocolName(null);
    }
    return response;
  }

  @ParameterizedTest(name = "{0} v{1}")
  @MethodSource("servedVersions")
  void shouldDecodeKafkaClientsRequestToEqualMessage(ApiKeys apiKey, short version) {
    // Given
    ApiMessage sent = sampleRequest(apiKey, version);
    EmbeddedChannel channel = new EmbeddedChannel(new KafkaFrameDecoder(1 << 20));
    try {
      // When
      channel.writeInbound(Unpooled.wrappedBuffer(TestFrames.request(apiKey, version, sent, 77)));
      // Then
      try (RequestFrame frame = channel.readInbound()) {
        assertThat(frame.apiKey()).isEqualTo(apiKey);
        assertThat(frame.apiVersion()).isEqualTo(version);
        assertThat(frame.correlationId()).isEqualTo(77);
        assertThat(frame.body()).isEqualTo(sent);
      }
    } finally {
      channel.finishAndReleaseAll();
    }
  }

  @ParameterizedTest(name = "{0} v{1}")
  @MethodSource("servedVersions")
  void shouldEncodeDefaultResponseThatKafkaClientsParsesToEqualMessage(
      ApiKeys apiKey, short version) {
    // Given
    ApiMessage response = defaultResponse(apiKey, version);
    // When / Then
    assertThat(encodeAndParse(apiKey, version, response)).isEqualTo(response);
  }

  @ParameterizedTest(name = "{0} v{1}")
  @MethodSource("servedVersions")
  void shouldEncodeErrorResponseThatKafkaClientsParsesToEqualMessage(
      ApiKeys apiKey, short version) {
    // Given
    ApiMessage response =
        ErrorResponses.of(
            apiKey, version, sampleRequest(apiKey, version), Errors.NOT_LEADER_OR_FOLLOWER);
    // When
    ApiMessage parsed = encodeAndParse(apiKey, version, response);
    // Then: equal to what kafka-clients itself keeps of it at this version (ignorable fields drop)
    assertThat(parsed).isEqualTo(kafkaRoundTrip(apiKey, version, response));
    if (canCarryError(apiKey, version)) {
      assertThat(parsed.toString()).contains(String.valueOf(Errors.NOT_LEADER_OR_FOLLOWER.code()));
    }
  }

  /**
   * False for versions whose response has no field for an error: DescribeLogDirs got its top-level
   * error code in v3, and Kafka's own error response of v1-2 is an empty result.
   */
  private static boolean canCarryError(ApiKeys apiKey, short version) {
    return !(apiKey == ApiKeys.DESCRIBE_LOG_DIRS && version < 3);
  }

  @ParameterizedTest(name = "{0} v{1}")
  @MethodSource("servedVersions")
  void shouldEncodeThroughPipelineWithHeaderVersionOfTheApi(ApiKeys apiKey, short version) {
    // Given
    EmbeddedChannel channel = new EmbeddedChannel(new KafkaFrameEncoder());
    ApiMessage response = defaultResponse(apiKey, version);
    // When
    channel.writeOutbound(new ResponseFrame(apiKey, version, 123, response));
    // Then
    ByteBuf encoded = channel.readOutbound();
    TestFrames.ParsedResponse parsed = TestFrames.parseResponse(encoded, apiKey, version);
    assertThat(parsed.correlationId()).isEqualTo(123);
    assertThat(parsed.body()).isEqualTo(response);
    if (apiKey == ApiKeys.API_VERSIONS) {
      assertThat(apiKey.responseHeaderVersion(version)).isZero();
    }
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  /** kafka-clients' own bytes for the response with correlation id 5 (header included). */
  static ByteBuffer kafkaBytes(ApiKeys apiKey, short version, ApiMessage response) {
    return RequestUtils.serialize(
        new ResponseHeaderData().setCorrelationId(5),
        apiKey.responseHeaderVersion(version),
        response,
        version);
  }

  static ApiMessage kafkaRoundTrip(ApiKeys apiKey, short version, ApiMessage response) {
    ByteBuffer bytes = kafkaBytes(apiKey, version, response);
    ByteBuf framed = Unpooled.buffer().writeInt(bytes.remaining()).writeBytes(bytes);
    return TestFrames.parseResponse(framed, apiKey, version).body();
  }

  /**
   * Encodes with our encoder, checks the bytes are exactly kafka-clients' bytes, parses them back.
   */
  static ApiMessage encodeAndParse(ApiKeys apiKey, short version, ApiMessage response) {
    ByteBuf encoded =
        KafkaFrameEncoder.encode(
            UnpooledByteBufAllocator.DEFAULT, new ResponseFrame(apiKey, version, 5, response));
    assertThat(encoded.nioBuffer(4, encoded.readableBytes() - 4))
        .isEqualTo(kafkaBytes(apiKey, version, response));
    TestFrames.ParsedResponse parsed = TestFrames.parseResponse(encoded, apiKey, version);
    assertThat(parsed.correlationId()).isEqualTo(5);
    return parsed.body();
  }
}
