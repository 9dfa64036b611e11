/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.network;

import io.kafscale.broker.api.RequestHandler;
import io.kafscale.broker.config.ListenerConfig;
import io.kafscale.broker.metrics.ConnectionMetrics;
import io.kafscale.broker.metrics.RequestMetrics;
import io.kafscale.broker.security.sasl.SaslAuthenticator;
import io.kafscale.broker.security.sasl.SaslServers;
import io.kafscale.protocol.codec.KafkaFrameDecoder;
import io.kafscale.protocol.codec.KafkaFrameEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the pipeline of every Kafka connection: [{@value #IDLE} (closes silent connections)] →
 * [{@value #TLS} (SSL/SASL_SSL listeners)] → {@value #DECODER} (length-prefixed frames → requests;
 * the pre-authentication size limit on SASL listeners) → {@value #ENCODER} (responses → bytes,
 * outbound) → {@value #DISPATCH} (requests → authentication guard → handler, responses in order).
 * Thread-safe; one instance per listener.
 */
public final class BrokerChannelInitializer extends ChannelInitializer<Channel> {
  public static final String IDLE = "idle-timeout";
  public static final String TLS = "tls";
  public static final String DECODER = "frame-decoder";
  public static final String ENCODER = "frame-encoder";
  public static final String DISPATCH = "request-dispatch";

  private static final KafkaFrameEncoder ENCODER_INSTANCE = new KafkaFrameEncoder();

  /**
   * What a listener adds to the plain pipeline; {@link #plain()} for an unnamed PLAINTEXT one.
   * {@code clock} times SASL sessions (may be null when {@code sasl} is).
   */
  public record ListenerSecurity(
      ListenerConfig listener,
      ReloadingSslContext tls,
      SaslServers sasl,
      Duration sessionLifetime,
      Duration authFailureDelay,
      int maxPreAuthBytes,
      Duration idleTimeout,
      SecurityMetrics metrics,
      Clock clock) {
    static ListenerSecurity plain() {
      return new ListenerSecurity(
          null,
          null,
          null,
          Duration.ZERO,
          Duration.ZERO,
          Integer.MAX_VALUE,
          Duration.ZERO,
          SecurityMetrics.none(),
          null);
    }
  }

  private final RequestHandler handler;
  private final RequestMetrics requestMetrics;
  private final ConnectionMetrics connectionMetrics;
  private final int maxFrameBytes;
  private final long maxInflightBytes;
  private final ListenerSecurity security;
  private final AtomicLong connectionIds;

  public BrokerChannelInitializer(
      RequestHandler handler,
      RequestMetrics requestMetrics,
      ConnectionMetrics connectionMetrics,
      int maxFrameBytes,
      long maxInflightBytes) {
    this(
        handler,
        requestMetrics,
        connectionMetrics,
        maxFrameBytes,
        maxInflightBytes,
        ListenerSecurity.plain(),
        new AtomicLong());
  }

  /** An initializer for one listener; {@code connectionIds} is shared by all listeners. */
  public BrokerChannelInitializer(
      RequestHandler handler,
      RequestMetrics requestMetrics,
      ConnectionMetrics connectionMetrics,
      int maxFrameBytes,
      long maxInflightBytes,
      ListenerSecurity security,
      AtomicLong connectionIds) {
    this.handler = handler;
    this.requestMetrics = requestMetrics;
    this.connectionMetrics = connectionMetrics;
    this.maxFrameBytes = maxFrameBytes;
    this.maxInflightBytes = maxInflightBytes;
    this.security = security;
    this.connectionIds = connectionIds;
  }

  @Override
  protected void initChannel(Channel channel) {
    var pipeline = channel.pipeline();
    if (security.idleTimeout().toMillis() > 0) {
      pipeline.addLast(
          IDLE,
          new IdleStateHandler(0, 0, security.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
      pipeline.addLast(new IdleCloser(security.metrics()));
    }
    if (security.tls() != null) {
      pipeline.addLast(TLS, security.tls().current().newHandler(channel.alloc()));
    }
    boolean sasl = security.sasl() != null;
    KafkaFrameDecoder decoder = new KafkaFrameDecoder(maxFrameBytes);
    if (sasl) {
      // Until authenticated: a small limit, and buffers grow with the bytes that really arrive.
      decoder.maxFrameBytes(Math.min(maxFrameBytes, security.maxPreAuthBytes()));
      decoder.accumulateIncrementally(true);
    }
    String listenerName = security.listener() == null ? null : security.listener().name();
    ConnectionGuard guard =
        new ConnectionGuard(
            listenerName,
            sasl ? new SaslAuthenticator(security.sasl(), security.sessionLifetime()) : null,
            security.clock(),
            maxFrameBytes);
    pipeline
        .addLast(DECODER, decoder)
        .addLast(ENCODER, ENCODER_INSTANCE)
        .addLast(
            DISPATCH,
            new RequestDispatchHandler(
                connectionIds.incrementAndGet(),
                handler,
                requestMetrics,
                connectionMetrics,
                maxInflightBytes,
                guard,
                security.metrics(),
                security.authFailureDelay()));
  }

  /** Closes a connection that stayed silent for the idle timeout. */
  private static final class IdleCloser extends ChannelInboundHandlerAdapter {
    private final SecurityMetrics metrics;

    IdleCloser(SecurityMetrics metrics) {
      this.metrics = metrics;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof IdleStateEvent) {
        metrics.refused("idle");
        ctx.close();
        return;
      }
      ctx.fireUserEventTriggered(event);
    }
  }
}
