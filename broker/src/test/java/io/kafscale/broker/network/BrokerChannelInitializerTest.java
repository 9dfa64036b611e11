/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.metrics.ConnectionMetrics;
import io.kafscale.broker.metrics.RequestMetrics;
import io.kafscale.protocol.api.ApiVersionsResponses;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BrokerChannelInitializerTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final EmbeddedChannel channel =
      new EmbeddedChannel(
          new BrokerChannelInitializer(
              (context, frame) ->
                  CompletableFuture.completedFuture(
                      ApiVersionsResponses.forRequest(
                          (ApiVersionsRequestData) frame.body(), frame.apiVersion())),
              new RequestMetrics(registry),
              new ConnectionMetrics(registry),
              4096,
              1 << 20));

  @AfterEach
  void tearDown() {
    channel.finishAndReleaseAll();
  }

  @Test
  void shouldBuildTheNamedPipeline() {
    // Then
    assertThat(channel.pipeline().names())
        .containsSubsequence(
            BrokerChannelInitializer.DECODER,
            BrokerChannelInitializer.ENCODER,
            BrokerChannelInitializer.DISPATCH);
  }

  @Test
  void shouldAnswerTwoPipelinedRequestsSentInOneWriteInOrder() {
    // Given
    ByteBuf both = Unpooled.buffer();
    both.writeBytes(request(41));
    both.writeBytes(request(42));

    // When
    channel.writeInbound(both);
    channel.runPendingTasks();

    // Then
    assertThat(correlationIdOf(channel.readOutbound())).isEqualTo(41);
    assertThat(correlationIdOf(channel.readOutbound())).isEqualTo(42);
    assertThat(channel.isActive()).isTrue();
  }

  @Test
  void shouldCloseTheConnectionOnAFrameAboveTheMaximum() {
    // Given
    ByteBuf huge = Unpooled.buffer().writeInt(1 << 30).writeInt(0);

    // When
    channel.writeInbound(huge);

    // Then
    assertThat(channel.isActive()).isFalse();
  }

  private static ByteBuf request(int correlationId) {
    ApiVersionsRequest request = new ApiVersionsRequest.Builder().build((short) 3);
    ByteBuffer body =
        request.serializeWithHeader(
            new RequestHeader(ApiKeys.API_VERSIONS, (short) 3, "test-client", correlationId));
    ByteBuf framed = Unpooled.buffer(4 + body.remaining());
    framed.writeInt(body.remaining()).writeBytes(body);
    return framed;
  }

  private static int correlationIdOf(Object encoded) {
    ByteBuf buf = (ByteBuf) encoded;
    try {
      return buf.getInt(4);
    } finally {
      buf.release();
    }
  }
}
