/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.protocol.frame.RequestFrame;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaFrameDecoderPreAuthTest {
  private static final int PRE_AUTH_LIMIT = 512 * 1024;

  /** Remembers the largest initial capacity asked for. */
  private static final class RecordingAllocator extends AbstractByteBufAllocator {
    int largestInitialCapacity;

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
      largestInitialCapacity = Math.max(largestInitialCapacity, initialCapacity);
      return Unpooled.buffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
      largestInitialCapacity = Math.max(largestInitialCapacity, initialCapacity);
      return Unpooled.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
      return false;
    }
  }

  private final RecordingAllocator allocator = new RecordingAllocator();
  private final KafkaFrameDecoder decoder = new KafkaFrameDecoder(PRE_AUTH_LIMIT);
  private final EmbeddedChannel channel = new EmbeddedChannel();

  KafkaFrameDecoderPreAuthTest() {
    channel.config().setAllocator(allocator);
    channel.pipeline().addLast(decoder);
  }

  @AfterEach
  void closeChannel() {
    channel.finishAndReleaseAll();
  }

  @Test
  void shouldNotAllocateTheClaimedLengthWhenOnlyThePrefixArrivesBeforeAuthentication() {
    // Given
    decoder.accumulateIncrementally(true);

    // When: a prefix claiming 400 KB, followed by 10 bytes
    channel.writeInbound(Unpooled.buffer(14).writeInt(400_000).writeZero(10));

    // Then
    assertThat(allocator.largestInitialCapacity).isLessThan(1024);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void shouldAllocateTheClaimedLengthAtOnceWhenNotIncremental() {
    // Given: the default, once authenticated

    // When
    channel.writeInbound(Unpooled.buffer(14).writeInt(400_000).writeZero(10));

    // Then
    assertThat(allocator.largestInitialCapacity).isEqualTo(400_000);
  }

  @Test
  void shouldDecodeALargeFrameFedInSmallPiecesWhileAccumulatingIncrementally() {
    // Given
    decoder.accumulateIncrementally(true);
    List<MetadataRequestData.MetadataRequestTopic> topics = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      topics.add(new MetadataRequestData.MetadataRequestTopic().setName("topic-" + i));
    }
    byte[] bytes =
        TestFrames.request(
            ApiKeys.METADATA, (short) 12, new MetadataRequestData().setTopics(topics), 9);

    // When
    for (int offset = 0; offset < bytes.length; offset += 100) {
      int length = Math.min(100, bytes.length - offset);
      channel.writeInbound(Unpooled.wrappedBuffer(bytes, offset, length));
    }

    // Then
    assertThat(allocator.largestInitialCapacity).isLessThan(1024);
    Object message = channel.readInbound();
    assertThat(message).isInstanceOf(RequestFrame.class);
    try (RequestFrame frame = (RequestFrame) message) {
      assertThat(frame.correlationId()).isEqualTo(9);
      assertThat(((MetadataRequestData) frame.body()).topics()).hasSize(2_000);
    }
  }
}
