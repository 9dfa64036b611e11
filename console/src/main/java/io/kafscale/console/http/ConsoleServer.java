/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.http;

import io.kafscale.broker.config.HostPort;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The console's HTTP server: one small Netty event loop group, pipeline {@code idle → guard (max
 * connections, idle close) → codec → keep-alive → aggregator (body limit, 413 beyond) →
 * ConsoleHttpHandler}, API work on virtual threads. Event streams drop the idle handler; a bounded
 * write buffer makes a stream that stops reading unwritable so {@link EventHub} closes it. {@link
 * #start()} binds; {@link #close()} closes the event streams, the listener and the workers.
 * Thread-safe.
 */
public final class ConsoleServer implements AutoCloseable {
  private static final int MAX_INITIAL_LINE = 8192;
  private static final int MAX_HEADER_BYTES = 16384;

  /** Defaults of the connection limits when none are given. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

  public static final int DEFAULT_MAX_CONNECTIONS = 512;

  private final HostPort listen;
  private final int maxBodyBytes;
  private final Duration idleTimeout;
  private final ConnectionGuard guard;
  private final Routes routes;
  private final EventHub events;
  private final HealthRoutes health;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private EventLoopGroup group;
  private Channel channel;

  public ConsoleServer(
      HostPort listen, int maxBodyBytes, Routes routes, EventHub events, HealthRoutes health) {
    this(
        listen,
        maxBodyBytes,
        DEFAULT_IDLE_TIMEOUT,
        DEFAULT_MAX_CONNECTIONS,
        routes,
        events,
        health);
  }

  public ConsoleServer(
      HostPort listen,
      int maxBodyBytes,
      Duration idleTimeout,
      int maxConnections,
      Routes routes,
      EventHub events,
      HealthRoutes health) {
    this.listen = listen;
    this.maxBodyBytes = maxBodyBytes;
    this.idleTimeout = idleTimeout;
    this.guard = new ConnectionGuard(maxConnections);
    this.routes = routes;
    this.events = events;
    this.health = health;
  }

  /** Binds the listener; returns the bound port. */
  public synchronized int start() throws InterruptedException {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    ConsoleHttpHandler handler =
        new ConsoleHttpHandler(
            routes,
            new StaticAssets(ConsoleServer.class.getClassLoader()),
            events,
            workers,
            health);
    channel =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(64 * 1024, 1024 * 1024))
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(
                            ConnectionGuard.IDLE,
                            new IdleStateHandler(
                                0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS))
                        .addLast("guard", guard)
                        .addLast(
                            "codec", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, 8192))
                        .addLast("keepAlive", new HttpServerKeepAliveHandler())
                        .addLast("aggregator", new HttpObjectAggregator(maxBodyBytes))
                        .addLast("console", handler);
                  }
                })
            .bind(listen.toSocketAddress())
            .sync()
            .channel();
    return port();
  }

  public synchronized int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public synchronized void close() {
    events.closeAll();
    if (channel != null) {
      channel.close().syncUninterruptibly();
    }
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
    workers.shutdownNow();
  }
}
