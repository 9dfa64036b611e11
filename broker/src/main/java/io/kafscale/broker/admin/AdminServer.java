/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.admin;

import io.kafscale.broker.config.HostPort;
import io.kafscale.broker.network.EventLoops;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP server ({@code /metrics}, {@code /healthz}, {@code /readyz}, the JSON APIs under
 * {@code /api/v1}) on its own single event loop, so scrapes never compete with Kafka traffic.
 * Thread-safe.
 */
public final class AdminServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
  private static final int MAX_REQUEST_BYTES = 16 * 1024;

  private final HostPort address;
  private final AdminHttpHandler handler;
  private final EventLoopGroup group = EventLoops.newGroup("kafscale-admin", 1);
  private volatile Channel channel;

  public AdminServer(
      HostPort address, PrometheusMeterRegistry registry, BooleanSupplier readiness) {
    this(address, registry, readiness, null);
  }

  /** With the consumer-group JSON API ({@code /api/v1/groups}); {@code groups} may be null. */
  public AdminServer(
      HostPort address,
      PrometheusMeterRegistry registry,
      BooleanSupplier readiness,
      GroupsApi groups) {
    this.address = address;
    this.handler = new AdminHttpHandler(registry, readiness, groups);
  }

  /**
   * Serves {@code apis} under {@code /api/v1} from now on; before, those paths answer 503 (the
   * server binds before the broker has joined the cluster, so its port can be registered).
   */
  public void install(List<? extends JsonApi> apis) {
    handler.install(apis);
  }

  /**
   * Binds and starts serving.
   *
   * @return the bound port
   */
  public synchronized int start() throws InterruptedException {
    if (channel != null) {
      throw new IllegalStateException("already started");
    }
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(EventLoops.serverChannelClass())
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast("http-codec", new HttpServerCodec())
                        .addLast("http-aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                        .addLast("admin", handler);
                  }
                });
    channel =
        bootstrap.bind(new InetSocketAddress(address.host(), address.port())).sync().channel();
    LOG.info("Admin HTTP listening address={}", channel.localAddress());
    return port();
  }

  /** The bound port; -1 before {@link #start()}. */
  public int port() {
    Channel ch = channel;
    return ch == null ? -1 : ((InetSocketAddress) ch.localAddress()).getPort();
  }

  @Override
  public void close() {
    Channel ch = channel;
    if (ch != null) {
      ch.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
