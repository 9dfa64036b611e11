/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.network;

import io.kafscale.broker.api.RequestHandler;
import io.kafscale.broker.config.NetworkConfig;
import io.kafscale.broker.metrics.ConnectionMetrics;
import io.kafscale.broker.metrics.RequestMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka listener. Lifecycle: {@link #bind()} takes the port (so its number can be advertised
 * before any client is served) without accepting yet, {@link #start(RequestHandler)} starts
 * accepting, {@link #stopAccepting()} refuses new connections and pauses reading on open ones,
 * {@link #close()} closes every connection and the event loops. Thread-safe.
 */
public final class BrokerServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerServer.class);

  private final NetworkConfig config;
  private final RequestMetrics requestMetrics;
  private final ConnectionMetrics connectionMetrics;
  private final EventLoopGroup bossGroup = EventLoops.newGroup("kafscale-accept", 1);
  private final EventLoopGroup workerGroup = EventLoops.newGroup("kafscale-io", 0);
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private volatile RequestHandler handler;
  private volatile Channel serverChannel;

  public BrokerServer(NetworkConfig config, MeterRegistry registry) {
    this.config = Objects.requireNonNull(config, "config");
    this.requestMetrics = new RequestMetrics(registry);
    this.connectionMetrics = new ConnectionMetrics(registry);
  }

  /**
   * Binds the listen address; connections wait in the backlog until {@link #start}.
   *
   * @return the bound port
   */
  public synchronized int bind() throws InterruptedException {
    if (serverChannel != null) {
      throw new IllegalStateException("already bound");
    }
    BrokerChannelInitializer initializer =
        new BrokerChannelInitializer(
            (context, frame) -> handler.handle(context, frame),
            requestMetrics,
            connectionMetrics,
            config.maxFrameBytes(),
            config.maxInflightBytesPerConnection());
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(bossGroup, workerGroup)
            .channel(EventLoops.serverChannelClass())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .option(ChannelOption.AUTO_READ, false)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childHandler(
                new io.netty.channel.ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    connections.add(channel);
                    channel.pipeline().addLast(initializer);
                  }
                });
    InetSocketAddress address =
        new InetSocketAddress(config.listen().host(), config.listen().port());
    serverChannel = bootstrap.bind(address).sync().channel();
    return boundPort();
  }

  /** Starts accepting connections whose requests go to {@code requestHandler}. */
  public void start(RequestHandler requestHandler) {
    Channel channel = serverChannel;
    if (channel == null) {
      throw new IllegalStateException("bind() first");
    }
    this.handler = Objects.requireNonNull(requestHandler, "requestHandler");
    channel.config().setAutoRead(true);
    LOG.info(
        "Kafka listener accepting address={} transport={}",
        channel.localAddress(),
        EventLoops.nativeTransport() ? "epoll" : "nio");
  }

  /** The bound port; -1 before {@link #bind()}. */
  public int boundPort() {
    Channel channel = serverChannel;
    return channel == null ? -1 : ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Refuses new connections and stops reading from open ones; responses still go out. */
  public void stopAccepting() {
    Channel channel = serverChannel;
    if (channel != null) {
      channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    for (Channel connection : connections) {
      connection.pipeline().fireUserEventTriggered(RequestDispatchHandler.STOP_READING);
    }
  }

  /** Open client connections. */
  public int connectionCount() {
    return connections.size();
  }

  @Override
  public void close() {
    stopAccepting();
    connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    workerGroup
        .shutdownGracefully(0, 2, TimeUnit.SECONDS)
        .awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
