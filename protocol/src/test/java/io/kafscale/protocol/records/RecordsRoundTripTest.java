/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.protocol.codec.KafkaFrameDecoder;
import io.kafscale.protocol.codec.KafkaFrameEncoder;
import io.kafscale.protocol.codec.TestFrames;
import io.kafscale.protocol.frame.RequestFrame;
import io.kafscale.protocol.frame.ResponseFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Produce requests and Fetch responses carrying real record batches, on the zero-copy paths. */
class RecordsRoundTripTest {
  private static final Uuid TOPIC_ID = Uuid.fromString("pMa4kY3uQ2SbXvV5cVt8uA");

  static MemoryRecords batch(long baseOffset, Compression compression, long... timestamps) {
    SimpleRecord[] records =
        IntStream.range(0, timestamps.length)
            .mapToObj(
                i ->
                    new SimpleRecord(
                        timestamps[i],
                        ("k" + i).getBytes(StandardCharsets.UTF_8),
                        ("value-" + i).getBytes(StandardCharsets.UTF_8)))
            .toArray(SimpleRecord[]::new);
    return MemoryRecords.withRecords(baseOffset, compression, records);
  }

  static ProduceRequestData produce(short version, MemoryRecords records) {
    ProduceRequestData.TopicProduceData topic = new ProduceRequestData.TopicProduceData();
    if (version >= 13) {
      topic.setTopicId(TOPIC_ID);
    } else {
      topic.setName("orders");
    }
    topic.setPartitionData(
        List.of(new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(records)));
    return new ProduceRequestData()
        .setAcks((short) -1)
        .setTimeoutMs(30_000)
        .setTopicData(new ProduceRequestData.TopicProduceDataCollection(List.of(topic).iterator()));
  }

  @ParameterizedTest(name = "Produce v{0}")
  @ValueSource(shorts = {3, 5, 7, 8, 9, 11, 12, 13})
  void shouldDecodeProduceRecordsAsViewOfTheFrame(short version) {
    // Given
    MemoryRecords sent = batch(0, Compression.gzip().build(), 1000, 2000, 3000);
    EmbeddedChannel channel = new EmbeddedChannel(new KafkaFrameDecoder(1 << 20));
    try {
      channel.writeInbound(
          Unpooled.wrappedBuffer(
              TestFrames.request(ApiKeys.PRODUCE, version, produce(version, sent), 9)));
      // When
      try (RequestFrame frame = channel.readInbound()) {
        ProduceRequestData body = (ProduceRequestData) frame.body();
        ByteBuffer view =
            RecordBatches.produceRecords(
                body.topicData().iterator().next().partitionData().getFirst().records());
        // Then: equal content...
        assertThat(body).isEqualTo(produce(version, sent));
        assertThat(view).isEqualTo(sent.buffer());
        // ...and the very same memory as the frame
        int index = ByteBufUtil.indexOf(Unpooled.wrappedBuffer(sent.buffer()), frame.buffer());
        assertThat(index).isNotNegative();
        byte flipped = (byte) ~view.get(view.position() + 20);
        view.put(view.position() + 20, flipped);
        assertThat(frame.buffer().getByte(index + 20)).isEqualTo(flipped);
      }
    } finally {
      channel.finishAndReleaseAll();
    }
  }

  static FetchResponseData fetchResponse(short version, Object records) {
    FetchResponseData.PartitionData partition =
        new FetchResponseData.PartitionData()
            .setPartitionIndex(0)
            .setHighWatermark(10)
            .setLastStableOffset(10);
    if (version >= 5) {
      partition.setLogStartOffset(0);
    }
    partition.setRecords((org.apache.kafka.common.record.internal.BaseRecords) records);
    FetchResponseData.FetchableTopicResponse topic =
        new FetchResponseData.FetchableTopicResponse().setPartitions(List.of(partition));
    if (version >= 13) {
      topic.setTopicId(TOPIC_ID);
    } else {
      topic.setTopic("orders");
    }
    return new FetchResponseData().setResponses(List.of(topic));
  }

  @ParameterizedTest(name = "Fetch v{0}")
  @ValueSource(shorts = {4, 5, 7, 11, 12, 13, 16, 17, 18})
  void shouldEncodeFetchRecordsAsDirectComponentsCopyingOnlyHeapBytes(short version) {
    // Given
    MemoryRecords first = batch(0, Compression.NONE, 1000, 1001);
    MemoryRecords second = batch(2, Compression.lz4().build(), 1002, 1003, 1004);
    ByteBuffer firstBytes =
        ByteBuffer.allocateDirect(first.sizeInBytes()).put(first.buffer()).flip();
    ByteBuffer secondBytes = second.buffer();
    ResponseFrame response =
        new ResponseFrame(
            ApiKeys.FETCH,
            version,
            11,
            fetchResponse(version, RecordBatches.fetchRecords(List.of(firstBytes, secondBytes))));
    // When
    ByteBuf encoded = KafkaFrameEncoder.encode(UnpooledByteBufAllocator.DEFAULT, response);
    // Then: the record bytes are components of a direct output (the socket writes it as it is)...
    assertThat(encoded).isInstanceOf(CompositeByteBuf.class);
    assertThat(((CompositeByteBuf) encoded).numComponents()).isGreaterThanOrEqualTo(3);
    assertThat(encoded.isDirect()).isTrue();
    // ...the direct bytes themselves, the heap bytes copied once
    int firstAt = ByteBufUtil.indexOf(Unpooled.wrappedBuffer(first.buffer()), encoded);
    int secondAt = ByteBufUtil.indexOf(Unpooled.wrappedBuffer(second.buffer()), encoded);
    firstBytes.put(20, (byte) ~firstBytes.get(20));
    secondBytes.put(20, (byte) ~secondBytes.get(20));
    assertThat(encoded.getByte(firstAt + 20)).isEqualTo(firstBytes.get(20));
    assertThat(encoded.getByte(secondAt + 20)).isNotEqualTo(secondBytes.get(20));
    firstBytes.put(20, (byte) ~firstBytes.get(20));
    secondBytes.put(20, (byte) ~secondBytes.get(20));
    ByteBuffer concatenated =
        ByteBuffer.allocate(first.sizeInBytes() + second.sizeInBytes())
            .put(first.buffer())
            .put(second.buffer())
            .flip();
    TestFrames.ParsedResponse parsed = TestFrames.parseResponse(encoded, ApiKeys.FETCH, version);
    assertThat(parsed.correlationId()).isEqualTo(11);
    assertThat(parsed.body())
        .isEqualTo(fetchResponse(version, MemoryRecords.readableRecords(concatenated)));
  }

  @ParameterizedTest(name = "Fetch v{0}")
  @ValueSource(shorts = {4, 13, 18})
  void shouldEncodeEmptyFetchRecords(short version) {
    // Given
    ResponseFrame response =
        new ResponseFrame(
            ApiKeys.FETCH,
            version,
            12,
            fetchResponse(version, RecordBatches.fetchRecords(List.of())));
    // When
    ByteBuf encoded = KafkaFrameEncoder.encode(UnpooledByteBufAllocator.DEFAULT, response);
    // Then
    TestFrames.ParsedResponse parsed = TestFrames.parseResponse(encoded, ApiKeys.FETCH, version);
    assertThat(parsed.body()).isEqualTo(fetchResponse(version, MemoryRecords.EMPTY));
  }
}
