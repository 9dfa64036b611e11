/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.network;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** Picks the native epoll transport when it is available, NIO otherwise. Stateless. */
public final class EventLoops {
  private EventLoops() {}

  /** Whether the epoll transport is used. */
  public static boolean nativeTransport() {
    return Epoll.isAvailable();
  }

  /**
   * A new group of {@code threads} loops (0 = Netty's default, 2 × cores) named {@code name}. Its
   * threads are not daemons: they keep the broker process alive.
   */
  public static EventLoopGroup newGroup(String name, int threads) {
    IoHandlerFactory factory =
        nativeTransport() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, false), factory);
  }

  public static Class<? extends ServerChannel> serverChannelClass() {
    return nativeTransport() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }
}
