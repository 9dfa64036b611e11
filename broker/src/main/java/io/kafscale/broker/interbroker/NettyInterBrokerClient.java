/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.interbroker;

import io.kafscale.metadata.model.BrokerRecord;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * The Netty {@link InterBrokerClient}: one pooled {@link BrokerConnection} per broker id, replaced
 * when the broker's advertised endpoint or incarnation changes; its own small event loop group
 * (daemon threads, so a forgotten client never keeps a process alive). {@link #close()} fails every
 * pending request and stops the loops. Thread-safe.
 */
public final class NettyInterBrokerClient implements InterBrokerClient, AutoCloseable {
  private final InterBrokerSettings settings;
  private final Clock clock;
  private final EventLoopGroup group;
  private final Bootstrap template;
  private final Map<Integer, BrokerConnection> connections = new HashMap<>();
  private boolean closed;

  public NettyInterBrokerClient(InterBrokerSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.group =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("kafscale-interbroker", true), factory);
    this.template =
        new Bootstrap()
            .group(group)
            .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true);
  }

  @Override
  public CompletableFuture<ApiMessage> send(
      BrokerRecord broker, ApiKeys apiKey, short version, ApiMessage request) {
    return connection(broker)
        .map(c -> c.send(apiKey, version, request))
        .orElseGet(
            () ->
                CompletableFuture.failedFuture(new NetworkException("inter-broker client closed")));
  }

  private Optional<BrokerConnection> connection(BrokerRecord broker) {
    BrokerConnection stale = null;
    BrokerConnection current;
    synchronized (this) {
      if (closed) {
        return Optional.empty();
      }
      current = connections.get(broker.brokerId());
      if (current == null || !current.sameEndpoint(broker)) {
        stale = current;
        current = new BrokerConnection(broker, template, settings, clock);
        connections.put(broker.brokerId(), current);
      }
    }
    if (stale != null) {
      stale.close();
    }
    return Optional.of(current);
  }

  /** Closes every connection (failing their requests) and waits briefly for the loop to stop. */
  @Override
  public void close() {
    Map<Integer, BrokerConnection> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new HashMap<>(connections);
      connections.clear();
    }
    toClose.values().forEach(BrokerConnection::close);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
