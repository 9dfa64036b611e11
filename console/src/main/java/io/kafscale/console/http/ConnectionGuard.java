/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the console's connections: refuses (closes) a connection beyond {@code maxConnections}
 * open ones, and closes a connection the {@value #IDLE} handler reports idle. An event stream is
 * meant to stay open while quiet, so {@link #streaming} takes the idle handler out of its pipeline.
 * Sharable: one instance counts every connection of the server. Thread-safe.
 */
@ChannelHandler.Sharable
public final class ConnectionGuard extends ChannelInboundHandlerAdapter {
  /** Name of the {@code IdleStateHandler} in the pipeline. */
  public static final String IDLE = "idle";

  private final int maxConnections;
  private final AtomicInteger open = new AtomicInteger();

  public ConnectionGuard(int maxConnections) {
    this.maxConnections = maxConnections;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    if (open.incrementAndGet() > maxConnections) {
      // Closing at once is the cheapest answer; the count drops again in channelInactive.
      ctx.close();
      return;
    }
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    open.decrementAndGet();
    super.channelInactive(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  /** The number of open connections. */
  public int open() {
    return open.get();
  }

  /** Marks a connection as an event stream: no idle timeout from now on. */
  public static void streaming(ChannelPipeline pipeline) {
    if (pipeline.get(IDLE) != null) {
      pipeline.remove(IDLE);
    }
  }
}
