/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.protocol.frame.FrameTooLargeException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class KafkaFrameDecoderLimitTest {

  @Test
  void shouldCloseOnClaimedLengthAboveLoweredLimitWithoutAllocating() {
    // Given
    KafkaFrameDecoder decoder = new KafkaFrameDecoder(100 * 1024 * 1024);
    decoder.maxFrameBytes(512);
    EmbeddedChannel channel = new EmbeddedChannel(decoder);

    // When: a 4-byte prefix claiming 1 GiB, and nothing else
    // Then
    assertThatThrownBy(() -> channel.writeInbound(Unpooled.buffer(4).writeInt(1 << 30)))
        .isInstanceOf(FrameTooLargeException.class);
    assertThat(channel.isOpen()).isFalse();
    assertThat(decoder.maxFrameBytes()).isEqualTo(512);
  }

  @Test
  void shouldRejectLimitBelowHeaderSize() {
    // Given
    KafkaFrameDecoder decoder = new KafkaFrameDecoder(1024);

    // When / Then
    assertThatThrownBy(() -> decoder.maxFrameBytes(4)).isInstanceOf(IllegalArgumentException.class);
  }
}
