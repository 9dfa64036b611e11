/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.network;

import io.kafscale.broker.api.CloseConnectionException;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.api.RequestHandler;
import io.kafscale.broker.metrics.ConnectionMetrics;
import io.kafscale.broker.metrics.ConnectionMetrics.CloseReason;
import io.kafscale.broker.metrics.RequestMetrics;
import io.kafscale.broker.metrics.RequestMetrics.ApiMeters;
import io.kafscale.broker.network.ResponseOrderer.Slot;
import io.kafscale.protocol.api.ApiVersionsResponses;
import io.kafscale.protocol.error.ErrorResponses;
import io.kafscale.protocol.frame.FrameTooLargeException;
import io.kafscale.protocol.frame.RequestFrame;
import io.kafscale.protocol.frame.ResponseFrame;
import io.kafscale.protocol.frame.UnsupportedRequest;
import io.micrometer.core.instrument.Timer;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.common.protocol.ApiMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per connection: hands each {@link RequestFrame} to the {@link RequestHandler}, and writes the
 * responses in request order however the handler's stages complete.
 *
 * <p>Completions are moved to the channel's event loop; all state here is confined to it. A failed
 * stage becomes the request's error response ({@link ErrorResponses}), except a {@link
 * CloseConnectionException}, which closes the connection after the earlier responses; a {@code
 * null} response (acks=0) writes nothing but keeps its place. An unsupported ApiVersions gets the
 * v0 UNSUPPORTED_VERSION answer; any other unsupported request makes the connection answer what
 * came before it and close. Oversized or malformed frames close the connection.
 *
 * <p>Back-pressure: while the request bytes awaiting their response exceed the per-connection
 * limit, or the channel is not writable, reading is paused; it resumes below half the limit.
 *
 * <p>Buffers: this handler owns each frame it receives and closes it once the handler's stage has
 * completed (whatever the outcome), also after the connection is gone: the handler may still be
 * using views of the frame until then.
 */
public final class RequestDispatchHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(RequestDispatchHandler.class);

  /**
   * User event that makes the connection stop reading for good (broker shutdown) while responses to
   * requests already read still go out.
   */
  public static final Object STOP_READING = new Object();

  private final long connectionId;
  private final RequestHandler handler;
  private final RequestMetrics requestMetrics;
  private final ConnectionMetrics connectionMetrics;
  private final InflightLimit limit;
  private final ConnectionGuard guard;
  private final SecurityMetrics securityMetrics;
  private final java.time.Duration authFailureDelay;
  private final ResponseOrderer<SlotOutcome> orderer = new ResponseOrderer<>();
  private boolean closing;
  private boolean stopped;
  private boolean inactive;
  private String lastClientId = "";

  public RequestDispatchHandler(
      long connectionId,
      RequestHandler handler,
      RequestMetrics requestMetrics,
      ConnectionMetrics connectionMetrics,
      long maxInflightBytes) {
    this(
        connectionId,
        handler,
        requestMetrics,
        connectionMetrics,
        maxInflightBytes,
        ConnectionGuard.open(),
        SecurityMetrics.none(),
        java.time.Duration.ZERO);
  }

  /**
   * A handler whose requests pass {@code guard} first (authentication, principal, listener name); a
   * failed authentication is answered after {@code authFailureDelay}, then the connection closes.
   */
  public RequestDispatchHandler(
      long connectionId,
      RequestHandler handler,
      RequestMetrics requestMetrics,
      ConnectionMetrics connectionMetrics,
      long maxInflightBytes,
      ConnectionGuard guard,
      SecurityMetrics securityMetrics,
      java.time.Duration authFailureDelay) {
    this.connectionId = connectionId;
    this.handler = handler;
    this.requestMetrics = requestMetrics;
    this.connectionMetrics = connectionMetrics;
    this.limit = new InflightLimit(maxInflightBytes);
    this.guard = guard;
    this.securityMetrics = securityMetrics;
    this.authFailureDelay = authFailureDelay;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    connectionMetrics.connectionOpened();
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    switch (msg) {
      case RequestFrame frame -> onRequest(ctx, frame);
      case UnsupportedRequest unsupported -> onUnsupported(ctx, unsupported);
      default -> {
        ReferenceCountUtil.release(msg);
        throw new IllegalArgumentException("unexpected message " + msg.getClass().getName());
      }
    }
  }

  private void onRequest(ChannelHandlerContext ctx, RequestFrame frame) {
    if (closing || inactive) {
      frame.close();
      return;
    }
    lastClientId = frame.clientId();
    ConnectionGuard.Admission admission = guard.admit(ctx, frame);
    if (admission instanceof ConnectionGuard.Admission.Refuse refuse) {
      refuse(ctx, frame, refuse.reason());
      return;
    }
    ApiMeters meters = requestMetrics.forApi(frame.apiKey());
    meters.requests().increment();
    Timer.Sample sample = requestMetrics.startTimer();
    Slot<SlotOutcome> slot = orderer.add(frame.sizeInBytes());
    connectionMetrics.inflightBytesChanged(frame.sizeInBytes());
    CompletionStage<ApiMessage> stage;
    if (admission instanceof ConnectionGuard.Admission.Answer answer) {
      stage = answer(ctx, answer);
    } else {
      var principal = ((ConnectionGuard.Admission.Forward) admission).principal();
      RequestContext context =
          new RequestContext(
              connectionId, remoteAddress(ctx), frame.clientId(), principal, guard.listenerName());
      stage = invoke(context, frame);
    }
    stage.whenComplete(
        (body, failure) ->
            onEventLoop(
                ctx, frame, () -> complete(ctx, slot, frame, body, failure, meters, sample)));
    if (admission instanceof ConnectionGuard.Admission.Answer answer && answer.thenClose()) {
      // Nothing more is read; the connection closes right after this answer.
      closing = true;
      Slot<SlotOutcome> close = orderer.add(0);
      stage.whenComplete(
          (body, failure) ->
              onEventLoop(
                  ctx,
                  frame,
                  () -> {
                    if (!inactive) {
                      orderer.complete(close, new SlotOutcome.Close());
                      drain(ctx);
                    }
                  }));
    }
    updateAutoRead(ctx);
  }

  /** A SASL answer; a failure is delayed (slows password guessing) and then closes. */
  private CompletionStage<ApiMessage> answer(
      ChannelHandlerContext ctx, ConnectionGuard.Admission.Answer answer) {
    if (answer.authenticated()) {
      securityMetrics.authenticated(guard.mechanism(), true);
    }
    if (!answer.thenClose()) {
      return answer.response();
    }
    securityMetrics.authenticated(guard.mechanism(), false);
    LOG.info(
        "Authentication failed, closing connection clientId={} remote={} mechanism={}",
        lastClientId,
        ctx.channel().remoteAddress(),
        guard.mechanism());
    if (authFailureDelay.isZero()) {
      return answer.response();
    }
    CompletableFuture<ApiMessage> delayed = new CompletableFuture<>();
    ctx.executor()
        .schedule(
            () -> answer.response().whenComplete((r, f) -> delayed.complete(r)),
            authFailureDelay.toMillis(),
            java.util.concurrent.TimeUnit.MILLISECONDS);
    return delayed;
  }

  /** Closes the connection (after earlier responses) without serving {@code frame}. */
  private void refuse(ChannelHandlerContext ctx, RequestFrame frame, String reason) {
    LOG.info(
        "Request refused, closing connection clientId={} apiKey={} remote={} error={}",
        frame.clientId(),
        frame.apiKey().name,
        ctx.channel().remoteAddress(),
        reason);
    frame.close();
    securityMetrics.refused(reason);
    closing = true;
    orderer.complete(orderer.add(0), new SlotOutcome.Close());
    drain(ctx);
    updateAutoRead(ctx);
  }

  private CompletionStage<ApiMessage> invoke(RequestContext context, RequestFrame frame) {
    try {
      CompletionStage<ApiMessage> stage = handler.handle(context, frame);
      return stage != null
          ? stage
          : CompletableFuture.failedFuture(new IllegalStateException("handler returned null"));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void onEventLoop(ChannelHandlerContext ctx, RequestFrame frame, Runnable task) {
    if (ctx.executor().inEventLoop()) {
      task.run();
      return;
    }
    try {
      ctx.executor().execute(task);
    } catch (RejectedExecutionException e) {
      // The event loop is shut down: nobody will write the response, but the frame must go.
      frame.close();
    }
  }

  private void complete(
      ChannelHandlerContext ctx,
      Slot<SlotOutcome> slot,
      RequestFrame frame,
      ApiMessage body,
      Throwable failure,
      ApiMeters meters,
      Timer.Sample sample) {
    SlotOutcome outcome;
    try {
      outcome = outcome(frame, body, failure, meters);
    } finally {
      frame.close();
      sample.stop(meters.latency());
    }
    if (inactive) {
      return;
    }
    orderer.complete(slot, outcome);
    drain(ctx);
  }

  private SlotOutcome outcome(
      RequestFrame frame, ApiMessage body, Throwable failure, ApiMeters meters) {
    if (failure == null) {
      return body == null ? new SlotOutcome.Silent() : respond(frame, body);
    }
    meters.errors().increment();
    Throwable cause = unwrap(failure);
    if (cause instanceof CloseConnectionException close) {
      LOG.info(
          "Request refused without a response, closing connection clientId={} apiKey={}"
              + " correlationId={} error={}",
          frame.clientId(),
          frame.apiKey().name,
          frame.correlationId(),
          close.reason());
      securityMetrics.refused(close.reason());
      return new SlotOutcome.Close();
    }
    LOG.debug(
        "Request failed clientId={} apiKey={} correlationId={} error={}",
        frame.clientId(),
        frame.apiKey().name,
        frame.correlationId(),
        cause.toString(),
        cause);
    try {
      return respond(
          frame, ErrorResponses.of(frame.apiKey(), frame.apiVersion(), frame.body(), cause));
    } catch (RuntimeException e) {
      LOG.warn(
          "No error response possible, closing connection clientId={} apiKey={} correlationId={}"
              + " error={}",
          frame.clientId(),
          frame.apiKey().name,
          frame.correlationId(),
          e.toString());
      connectionMetrics.closedByBroker(CloseReason.ERROR);
      return new SlotOutcome.Close();
    }
  }

  private static SlotOutcome respond(RequestFrame frame, ApiMessage body) {
    return new SlotOutcome.Respond(
        new ResponseFrame(frame.apiKey(), frame.apiVersion(), frame.correlationId(), body));
  }

  private void onUnsupported(ChannelHandlerContext ctx, UnsupportedRequest request) {
    if (closing || inactive) {
      return;
    }
    ApiMeters meters = requestMetrics.forUnsupported(request.apiKey());
    meters.requests().increment();
    meters.errors().increment();
    Optional<ResponseFrame> answer = ApiVersionsResponses.answerTo(request);
    Slot<SlotOutcome> slot = orderer.add(0);
    if (answer.isPresent()) {
      orderer.complete(slot, new SlotOutcome.Respond(answer.get()));
    } else {
      LOG.info(
          "Unsupported request, closing connection after earlier responses clientId={} apiKey={}"
              + " apiVersion={} correlationId={} error={}",
          lastClientId,
          request.apiKey(),
          request.apiVersion(),
          request.correlationId(),
          request.reason());
      connectionMetrics.closedByBroker(CloseReason.UNSUPPORTED_REQUEST);
      closing = true;
      orderer.complete(slot, new SlotOutcome.Close());
    }
    drain(ctx);
    updateAutoRead(ctx);
  }

  /** Writes every response whose turn has come; flushes once. */
  private void drain(ChannelHandlerContext ctx) {
    boolean wrote = false;
    for (Slot<SlotOutcome> slot : orderer.pollReady()) {
      connectionMetrics.inflightBytesChanged(-slot.requestBytes());
      switch (slot.outcome()) {
        case SlotOutcome.Respond respond -> {
          ctx.write(respond.response()).addListener(CLOSE_ON_WRITE_FAILURE);
          wrote = true;
        }
        case SlotOutcome.Silent silent -> {}
        case SlotOutcome.Close close -> {
          closing = true;
          ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
          return;
        }
      }
    }
    if (wrote) {
      ctx.flush();
    }
    updateAutoRead(ctx);
  }

  private static final ChannelFutureListener CLOSE_ON_WRITE_FAILURE =
      future -> {
        if (!future.isSuccess()) {
          if (future.channel().isActive()) {
            LOG.warn(
                "Response could not be written, closing connection remote={} error={}",
                future.channel().remoteAddress(),
                String.valueOf(future.cause()));
          }
          future.channel().close();
        }
      };

  private void updateAutoRead(ChannelHandlerContext ctx) {
    if (limit.update(orderer.pendingBytes()) && limit.isPaused()) {
      connectionMetrics.paused();
    }
    boolean read = !closing && !stopped && !limit.isPaused() && ctx.channel().isWritable();
    if (ctx.channel().config().isAutoRead() != read) {
      ctx.channel().config().setAutoRead(read);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event == STOP_READING) {
      stopped = true;
      updateAutoRead(ctx);
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    updateAutoRead(ctx);
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    inactive = true;
    guard.close();
    // Pending frames are closed by their own completions (the handler may still read them);
    // here only the slots and their byte accounting go.
    for (Slot<SlotOutcome> slot : orderer.clear()) {
      connectionMetrics.inflightBytesChanged(-slot.requestBytes());
    }
    connectionMetrics.connectionClosed();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof FrameTooLargeException tooLarge) {
      LOG.warn(
          "Frame too large, closing connection clientId={} remote={} error={}",
          lastClientId,
          ctx.channel().remoteAddress(),
          tooLarge.getMessage());
      connectionMetrics.closedByBroker(CloseReason.FRAME_TOO_LARGE);
    } else if (cause instanceof IOException) {
      LOG.debug(
          "Connection error remote={} error={}", ctx.channel().remoteAddress(), cause.toString());
    } else {
      LOG.warn(
          "Unexpected error, closing connection clientId={} remote={} error={}",
          lastClientId,
          ctx.channel().remoteAddress(),
          cause.toString());
      LOG.debug("Unexpected error stack trace", cause);
      connectionMetrics.closedByBroker(
          cause instanceof io.netty.handler.codec.DecoderException
              ? CloseReason.MALFORMED
              : CloseReason.ERROR);
    }
    closing = true;
    ctx.close();
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException
            || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static InetSocketAddress remoteAddress(ChannelHandlerContext ctx) {
    SocketAddress address = ctx.channel().remoteAddress();
    return address instanceof InetSocketAddress inet ? inet : null;
  }
}
