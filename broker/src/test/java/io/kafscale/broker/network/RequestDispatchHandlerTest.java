/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.api.RequestHandler;
import io.kafscale.broker.metrics.ConnectionMetrics;
import io.kafscale.broker.metrics.RequestMetrics;
import io.kafscale.protocol.frame.FrameTooLargeException;
import io.kafscale.protocol.frame.RequestFrame;
import io.kafscale.protocol.frame.ResponseFrame;
import io.kafscale.protocol.frame.UnsupportedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestDispatchHandlerTest {
  private static final long MAX_INFLIGHT = 1000;

  private final FakeHandler handler = new FakeHandler();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ConnectionMetrics connectionMetrics = new ConnectionMetrics(registry);
  private final EmbeddedChannel channel =
      new EmbeddedChannel(
          new RequestDispatchHandler(
              1, handler, new RequestMetrics(registry), connectionMetrics, MAX_INFLIGHT));
  private final List<RequestFrame> frames = new ArrayList<>();

  @AfterEach
  void tearDown() {
    channel.finishAndReleaseAll();
    // Every frame handed to the handler is released once its stage completed.
    handler.pending.values().forEach(f -> f.complete(null));
    channel.runPendingTasks();
    assertThat(frames).allSatisfy(f -> assertThat(f.buffer().refCnt()).isZero());
  }

  @Test
  void shouldWriteResponsesInRequestOrderWhenHandlersCompleteOutOfOrder() {
    // Given
    send(1, 10);
    send(2, 10);
    send(3, 10);

    // When
    handler.complete(3);
    handler.complete(2);

    // Then
    assertThat(responses()).isEmpty();

    // When
    handler.complete(1);

    // Then
    assertThat(responses()).extracting(ResponseFrame::correlationId).containsExactly(1, 2, 3);
  }

  @Test
  void shouldKeepOrderAroundRequestsThatGetNoResponse() {
    // Given: request 1 is an acks=0 produce (null response)
    send(1, 10);
    send(2, 10);

    // When
    handler.complete(2);
    handler.completeWithNull(1);

    // Then
    assertThat(responses()).extracting(ResponseFrame::correlationId).containsExactly(2);
    assertThat(channel.isActive()).isTrue();
  }

  @Test
  void shouldAnswerAFailedStageWithTheRequestsErrorResponse() {
    // Given
    send(7, 10);

    // When
    handler.fail(7, new NotLeaderOrFollowerException("moved"));

    // Then
    List<ResponseFrame> out = responses();
    assertThat(out).hasSize(1);
    MetadataResponseData body = (MetadataResponseData) out.get(0).body();
    assertThat(body.topics().find("t").errorCode()).isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER.code());
    assertThat(channel.isActive()).isTrue();
    assertThat(registry.get("kafscale.request.errors").tag("api", "Metadata").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void shouldCloseTheConnectionAfterEarlierResponsesWhenAStageAsksToClose() {
    // Given: request 2 is a refused acks=0 produce
    send(1, 10);
    send(2, 10);

    // When
    handler.fail(2, new io.kafscale.broker.api.CloseConnectionException("refused"));
    handler.complete(1);

    // Then
    assertThat(responses()).extracting(ResponseFrame::correlationId).containsExactly(1);
    assertThat(channel.isActive()).isFalse();
  }

  @Test
  void shouldAnswerAHandlerThatThrowsWithAnErrorResponse() {
    // Given
    handler.throwOnHandle = new IllegalStateException("boom");

    // When
    send(8, 10);

    // Then
    assertThat(responses()).extracting(ResponseFrame::correlationId).containsExactly(8);
    assertThat(channel.isActive()).isTrue();
  }

  @Test
  void shouldPauseReadingAboveTheInflightLimitAndResumeBelowHalf() {
    // Given
    send(1, 600);
    assertThat(channel.config().isAutoRead()).isTrue();

    // When
    send(2, 600);

    // Then
    assertThat(channel.config().isAutoRead()).isFalse();
    assertThat(connectionMetrics.inflightBytes()).isEqualTo(1200);

    // When: 600 bytes still in flight, above half the limit
    handler.complete(1);

    // Then
    assertThat(channel.config().isAutoRead()).isFalse();

    // When
    handler.complete(2);

    // Then
    assertThat(channel.config().isAutoRead()).isTrue();
    assertThat(connectionMetrics.inflightBytes()).isZero();
    assertThat(registry.get("kafscale.backpressure.pauses").counter().count()).isEqualTo(1.0);
  }

  @Test
  void shouldAnswerAnUnsupportedApiVersionsWithAVersionZeroResponse() {
    // When
    channel.writeInbound(new UnsupportedRequest((short) 18, (short) 99, 5, "too new"));

    // Then
    List<ResponseFrame> out = responses();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).apiVersion()).isZero();
    assertThat(out.get(0).correlationId()).isEqualTo(5);
    assertThat(((ApiVersionsResponseData) out.get(0).body()).errorCode())
        .isEqualTo(Errors.UNSUPPORTED_VERSION.code());
    assertThat(channel.isActive()).isTrue();
  }

  @Test
  void shouldAnswerEarlierRequestsThenCloseOnAnUnsupportedRequest() {
    // Given
    send(1, 10);

    // When
    channel.writeInbound(new UnsupportedRequest((short) 999, (short) 0, 2, "unknown API key"));

    // Then: still waiting for request 1
    assertThat(channel.isActive()).isTrue();
    assertThat(channel.config().isAutoRead()).isFalse();

    // When
    handler.complete(1);

    // Then
    assertThat(responses()).extracting(ResponseFrame::correlationId).containsExactly(1);
    assertThat(channel.isActive()).isFalse();
  }

  @Test
  void shouldReleaseFramesWhoseStageCompletesAfterTheConnectionClosed() {
    // Given
    RequestFrame frame = send(1, 10);
    channel.close();

    // When
    handler.complete(1);
    channel.runPendingTasks();

    // Then
    assertThat(frame.buffer().refCnt()).isZero();
    assertThat(responses()).isEmpty();
    assertThat(connectionMetrics.inflightBytes()).isZero();
  }

  @Test
  void shouldCloseTheConnectionOnAnOversizedFrame() {
    // When
    channel.pipeline().fireExceptionCaught(new FrameTooLargeException("too big"));

    // Then
    assertThat(channel.isActive()).isFalse();
    assertThat(
            registry
                .get("kafscale.connections.closed.by.broker")
                .tag("reason", "frame_too_large")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void shouldCountRequestsPerApi() {
    // Given
    send(1, 10);
    send(2, 10);

    // When
    handler.complete(1);
    handler.complete(2);

    // Then
    assertThat(registry.get("kafscale.requests").tag("api", "Metadata").counter().count())
        .isEqualTo(2.0);
    assertThat(registry.get("kafscale.request.latency").tag("api", "Metadata").timer().count())
        .isEqualTo(2);
  }

  private RequestFrame send(int correlationId, int size) {
    ByteBuf buffer = Unpooled.buffer(16);
    RequestHeaderData header =
        new RequestHeaderData()
            .setRequestApiKey(ApiKeys.METADATA.id)
            .setRequestApiVersion((short) 12)
            .setCorrelationId(correlationId)
            .setClientId("test-client");
    MetadataRequestData body =
        new MetadataRequestData()
            .setTopics(List.of(new MetadataRequestData.MetadataRequestTopic().setName("t")));
    RequestFrame frame = new RequestFrame(ApiKeys.METADATA, (short) 12, header, body, size, buffer);
    frames.add(frame);
    channel.writeInbound(frame);
    return frame;
  }

  private List<ResponseFrame> responses() {
    channel.runPendingTasks();
    List<ResponseFrame> out = new ArrayList<>();
    Object msg;
    while ((msg = channel.readOutbound()) != null) {
      if (msg instanceof ResponseFrame response) {
        out.add(response);
      } else {
        io.netty.util.ReferenceCountUtil.release(msg);
      }
    }
    return out;
  }

  /** Completes each request's stage only when the test says so. */
  private final class FakeHandler implements RequestHandler {
    final Map<Integer, CompletableFuture<ApiMessage>> pending = new HashMap<>();
    RuntimeException throwOnHandle;

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, RequestFrame frame) {
      if (throwOnHandle != null) {
        throw throwOnHandle;
      }
      CompletableFuture<ApiMessage> future = new CompletableFuture<>();
      pending.put(frame.correlationId(), future);
      return future;
    }

    void complete(int correlationId) {
      pending.remove(correlationId).complete(new MetadataResponseData());
      channel.runPendingTasks();
    }

    void completeWithNull(int correlationId) {
      pending.remove(correlationId).complete(null);
      channel.runPendingTasks();
    }

    void fail(int correlationId, Throwable failure) {
      pending.remove(correlationId).completeExceptionally(failure);
      channel.runPendingTasks();
    }
  }
}
