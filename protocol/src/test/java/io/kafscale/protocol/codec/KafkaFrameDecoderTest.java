/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.protocol.api.ApiVersionsResponses;
import io.kafscale.protocol.frame.FrameTooLargeException;
import io.kafscale.protocol.frame.RequestFrame;
import io.kafscale.protocol.frame.ResponseFrame;
import io.kafscale.protocol.frame.UnsupportedRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaFrameDecoderTest {
  private static final int MAX_FRAME = 1024 * 1024;
  private final EmbeddedChannel channel = new EmbeddedChannel(new KafkaFrameDecoder(MAX_FRAME));

  @AfterEach
  void closeChannel() {
    channel.finishAndReleaseAll();
  }

  private static byte[] metadataRequest(int correlationId) {
    MetadataRequestData body =
        new MetadataRequestData()
            .setTopics(
                java.util.List.of(new MetadataRequestData.MetadataRequestTopic().setName("orders")))
            .setAllowAutoTopicCreation(true);
    return TestFrames.request(ApiKeys.METADATA, (short) 12, body, correlationId);
  }

  private RequestFrame readRequest() {
    Object message = channel.readInbound();
    assertThat(message).isInstanceOf(RequestFrame.class);
    return (RequestFrame) message;
  }

  @Test
  void shouldDecodeFrameFedOneByteAtATime() {
    // Given
    byte[] bytes = metadataRequest(7);
    // When
    for (byte b : bytes) {
      channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    // Then
    try (RequestFrame frame = readRequest()) {
      assertThat(frame.apiKey()).isEqualTo(ApiKeys.METADATA);
      assertThat(frame.apiVersion()).isEqualTo((short) 12);
      assertThat(frame.correlationId()).isEqualTo(7);
      assertThat(frame.clientId()).isEqualTo(TestFrames.CLIENT_ID);
      assertThat(frame.sizeInBytes()).isEqualTo(bytes.length - 4);
      assertThat(((MetadataRequestData) frame.body()).topics())
          .extracting(t -> t.name())
          .containsExactly("orders");
      assertThat(frame.buffer().refCnt()).isEqualTo(1);
    }
    assertThat((Object) channel.readInbound()).isNull();
  }

  @Test
  void shouldDecodeTwoFramesFromOneWrite() {
    // Given
    ByteBuf twoFrames = Unpooled.wrappedBuffer(metadataRequest(1), metadataRequest(2));
    // When
    channel.writeInbound(twoFrames);
    // Then
    try (RequestFrame first = readRequest();
        RequestFrame second = readRequest()) {
      assertThat(first.correlationId()).isEqualTo(1);
      assertThat(second.correlationId()).isEqualTo(2);
    }
    assertThat(twoFrames.refCnt()).isZero();
  }

  @Test
  void shouldDecodeFrameSplitAcrossReadsIncludingTheLengthPrefix() {
    // Given
    byte[] bytes = metadataRequest(3);
    ByteBuf whole = Unpooled.wrappedBuffer(bytes);
    // When: the split falls inside the length prefix, then inside the body
    channel.writeInbound(whole.retainedSlice(0, 2));
    channel.writeInbound(whole.retainedSlice(2, 10));
    assertThat((Object) channel.readInbound()).isNull();
    channel.writeInbound(whole.retainedSlice(12, bytes.length - 12));
    whole.release();
    // Then
    try (RequestFrame frame = readRequest()) {
      assertThat(frame.correlationId()).isEqualTo(3);
    }
    assertThat(whole.refCnt()).isZero();
  }

  @Test
  void shouldSliceFrameWithoutCopyWhenItLiesInsideOneRead() {
    // Given
    ByteBuf read = Unpooled.wrappedBuffer(metadataRequest(4));
    // When
    channel.writeInbound(read);
    // Then: the frame holds the read buffer, which lives exactly as long as the frame
    RequestFrame frame = readRequest();
    assertThat(read.refCnt()).isEqualTo(1);
    frame.close();
    assertThat(read.refCnt()).isZero();
  }

  @Test
  void shouldCloseConnectionWhenFrameExceedsMaximum() {
    // Given
    ByteBuf oversize = Unpooled.buffer().writeInt(MAX_FRAME + 1).writeZero(16);
    // When / Then
    assertThatThrownBy(() -> channel.writeInbound(oversize))
        .isInstanceOf(FrameTooLargeException.class);
    assertThat(channel.isOpen()).isFalse();
    assertThat(oversize.refCnt()).isZero();
    assertThat((Object) channel.readInbound()).isNull();
  }

  @Test
  void shouldCloseConnectionWhenLengthIsNegative() {
    // When
    channel.writeInbound(Unpooled.buffer().writeInt(-5).writeZero(8));
    // Then
    assertThat(channel.isOpen()).isFalse();
    assertThat((Object) channel.readInbound()).isNull();
  }

  @Test
  void shouldCloseConnectionWhenBodyIsMalformed() {
    // Given: a Metadata v12 frame cut short after its header
    ByteBuffer bad = ByteBuffer.allocate(4 + 16);
    bad.putInt(16)
        .putShort(ApiKeys.METADATA.id)
        .putShort((short) 12)
        .putInt(9)
        .putShort((short) 0)
        .put((byte) 0)
        .putInt(99)
        .put((byte) 7)
        .flip();
    // When
    channel.writeInbound(Unpooled.wrappedBuffer(bad));
    // Then
    assertThat(channel.isOpen()).isFalse();
    assertThat((Object) channel.readInbound()).isNull();
  }

  @Test
  void shouldEmitUnsupportedRequestForUnknownApiKey() {
    // When
    channel.writeInbound(TestFrames.wrap(TestFrames.headerOnly((short) 999, (short) 0, 42)));
    // Then
    UnsupportedRequest unsupported = channel.readInbound();
    assertThat(unsupported.apiKey()).isEqualTo((short) 999);
    assertThat(unsupported.correlationId()).isEqualTo(42);
    assertThat(unsupported.reason()).contains("unknown API key");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void shouldEmitUnsupportedRequestForKnownButUnservedApi() {
    // When: DescribeDelegationToken is a Kafka API this broker does not serve
    channel.writeInbound(
        TestFrames.wrap(
            TestFrames.headerOnly(ApiKeys.DESCRIBE_DELEGATION_TOKEN.id, (short) 2, 43)));
    // Then
    UnsupportedRequest unsupported = channel.readInbound();
    assertThat(unsupported.apiKey()).isEqualTo(ApiKeys.DESCRIBE_DELEGATION_TOKEN.id);
    assertThat(unsupported.correlationId()).isEqualTo(43);
  }

  @Test
  void shouldEmitUnsupportedRequestForUnsupportedVersion() {
    // When: Produce v2 is advertised (v0) but refused, Fetch v99 does not exist
    channel.writeInbound(TestFrames.wrap(TestFrames.headerOnly(ApiKeys.PRODUCE.id, (short) 2, 44)));
    channel.writeInbound(TestFrames.wrap(TestFrames.headerOnly(ApiKeys.FETCH.id, (short) 99, 45)));
    // Then
    UnsupportedRequest produce = channel.readInbound();
    UnsupportedRequest fetch = channel.readInbound();
    assertThat(produce.apiVersion()).isEqualTo((short) 2);
    assertThat(produce.reason()).contains("not served");
    assertThat(fetch.correlationId()).isEqualTo(45);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void shouldLeadApiVersionsWithUnknownVersionToV0UnsupportedVersionAnswer() {
    // Given: a future ApiVersions version with a body we cannot know
    ByteBuffer future = ByteBuffer.allocate(4 + 12);
    future
        .putInt(12)
        .putShort(ApiKeys.API_VERSIONS.id)
        .putShort((short) 99)
        .putInt(46)
        .putInt(0xdeadbeef)
        .flip();
    channel.writeInbound(Unpooled.wrappedBuffer(future));
    UnsupportedRequest unsupported = channel.readInbound();
    // When
    ResponseFrame answer = ApiVersionsResponses.answerTo(unsupported).orElseThrow();
    ByteBuf encoded =
        KafkaFrameEncoder.encode(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT, answer);
    // Then
    TestFrames.ParsedResponse parsed =
        TestFrames.parseResponse(encoded, ApiKeys.API_VERSIONS, (short) 0);
    ApiVersionsResponseData body = (ApiVersionsResponseData) parsed.body();
    assertThat(parsed.correlationId()).isEqualTo(46);
    assertThat(body.errorCode()).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
    assertThat(body.apiKeys()).isNotEmpty();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void shouldKeepDecodingAfterUnsupportedRequest() {
    // Given
    ByteBuf both =
        Unpooled.wrappedBuffer(
            TestFrames.headerOnly((short) 999, (short) 0, 1),
            TestFrames.request(
                ApiKeys.API_VERSIONS,
                (short) 3,
                new ApiVersionsRequestData()
                    .setClientSoftwareName("a")
                    .setClientSoftwareVersion("1"),
                2));
    // When
    channel.writeInbound(both);
    // Then
    assertThat((Object) channel.readInbound()).isInstanceOf(UnsupportedRequest.class);
    try (RequestFrame frame = readRequest()) {
      assertThat(((ApiVersionsRequestData) frame.body()).clientSoftwareName()).isEqualTo("a");
    }
  }

  @Test
  void shouldAskForMoreBytesWhenAutoReadIsOffAndNoFrameCompleted() {
    // Given
    channel.config().setAutoRead(false);
    byte[] bytes = metadataRequest(5);
    // When
    channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, 6));
    channel.writeInbound(Unpooled.wrappedBuffer(bytes, 6, bytes.length - 6));
    // Then
    try (RequestFrame frame = readRequest()) {
      assertThat(frame.correlationId()).isEqualTo(5);
    }
  }

  @Test
  void shouldReleasePartialFrameWhenConnectionCloses() {
    // Given
    byte[] bytes = metadataRequest(6);
    channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, bytes.length - 1));
    // When
    channel.close();
    // Then: the paranoid leak detector reports any unreleased partial buffer
    assertThat((Object) channel.readInbound()).isNull();
    assertThat(channel.isOpen()).isFalse();
  }
}
