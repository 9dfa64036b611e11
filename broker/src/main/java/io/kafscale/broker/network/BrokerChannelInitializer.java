/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.network;

import io.kafscale.broker.api.RequestHandler;
import io.kafscale.broker.metrics.ConnectionMetrics;
import io.kafscale.broker.metrics.RequestMetrics;
import io.kafscale.protocol.codec.KafkaFrameDecoder;
import io.kafscale.protocol.codec.KafkaFrameEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the pipeline of every Kafka connection: {@value #DECODER} (length-prefixed frames →
 * requests) → {@value #ENCODER} (responses → bytes, outbound) → {@value #DISPATCH} (requests →
 * handler, responses in order). Thread-safe; one instance per listener.
 */
public final class BrokerChannelInitializer extends ChannelInitializer<Channel> {
  public static final String DECODER = "frame-decoder";
  public static final String ENCODER = "frame-encoder";
  public static final String DISPATCH = "request-dispatch";

  private static final KafkaFrameEncoder ENCODER_INSTANCE = new KafkaFrameEncoder();

  private final RequestHandler handler;
  private final RequestMetrics requestMetrics;
  private final ConnectionMetrics connectionMetrics;
  private final int maxFrameBytes;
  private final long maxInflightBytes;
  private final AtomicLong connectionIds = new AtomicLong();

  public BrokerChannelInitializer(
      RequestHandler handler,
      RequestMetrics requestMetrics,
      ConnectionMetrics connectionMetrics,
      int maxFrameBytes,
      long maxInflightBytes) {
    this.handler = handler;
    this.requestMetrics = requestMetrics;
    this.connectionMetrics = connectionMetrics;
    this.maxFrameBytes = maxFrameBytes;
    this.maxInflightBytes = maxInflightBytes;
  }

  @Override
  protected void initChannel(Channel channel) {
    channel
        .pipeline()
        .addLast(DECODER, new KafkaFrameDecoder(maxFrameBytes))
        .addLast(ENCODER, ENCODER_INSTANCE)
        .addLast(
            DISPATCH,
            new RequestDispatchHandler(
                connectionIds.incrementAndGet(),
                handler,
                requestMetrics,
                connectionMetrics,
                maxInflightBytes));
  }
}
