/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.network;

import io.kafscale.broker.api.RequestHandler;
import io.kafscale.broker.config.ListenerConfig;
import io.kafscale.broker.config.NetworkConfig;
import io.kafscale.broker.config.SecurityConfig;
import io.kafscale.broker.metrics.ConnectionMetrics;
import io.kafscale.broker.metrics.RequestMetrics;
import io.kafscale.broker.security.sasl.SaslServers;
import io.kafscale.broker.security.scram.ScramCredentialLookup;
import io.kafscale.broker.security.tls.TlsSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
  private final SecurityMetrics securityMetrics;
  private final ScramCredentialLookup scram;
  private final Clock clock;
  private final PerIpConnectionLimiter perIp;
  private final Map<String, Channel> listenerChannels = new LinkedHashMap<>();
  private ReloadingSslContext tls;
  private ScheduledExecutorService tlsReloads;
  private final boolean ownsTlsReloads;
  private ScheduledFuture<?> tlsReloadTask;
  private final EventLoopGroup bossGroup = EventLoops.newGroup("kafscale-accept", 1);
  private final EventLoopGroup workerGroup = EventLoops.newGroup("kafscale-io", 0);
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private volatile RequestHandler handler;
  private volatile Channel serverChannel;

  public BrokerServer(NetworkConfig config, MeterRegistry registry) {
    this(config, registry, (user, mechanism) -> Optional.empty(), Clock.systemUTC());
  }

  /**
   * A server whose SCRAM mechanisms check credentials through {@code scram} (the single wiring
   * point of the credential store) and whose SASL sessions are timed by {@code clock}; TLS files
   * are re-read on a thread of its own.
   */
  public BrokerServer(
      NetworkConfig config, MeterRegistry registry, ScramCredentialLookup scram, Clock clock) {
    this(config, registry, scram, clock, null);
  }

  /**
   * As above, with the TLS certificate reloads (file reads, PEM parsing: never on an event loop)
   * run on {@code tlsReloads}, which the caller owns; null: a daemon thread owned by this server.
   */
  public BrokerServer(
      NetworkConfig config,
      MeterRegistry registry,
      ScramCredentialLookup scram,
      Clock clock,
      ScheduledExecutorService tlsReloads) {
    this.tlsReloads = tlsReloads;
    this.ownsTlsReloads = tlsReloads == null;
    this.config = Objects.requireNonNull(config, "config");
    this.requestMetrics = new RequestMetrics(registry);
    this.connectionMetrics = new ConnectionMetrics(registry);
    this.securityMetrics = new SecurityMetrics(registry);
    this.scram = Objects.requireNonNull(scram, "scram");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.perIp = new PerIpConnectionLimiter(config.security().limits().maxConnectionsPerIp());
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
    SecurityConfig security = config.security();
    if (config.listeners().stream().anyMatch(ListenerConfig::tls)) {
      TlsSettings settings =
          security
              .tls()
              .orElseThrow(() -> new IllegalStateException("a TLS listener needs TLS settings"));
      try {
        tls = new ReloadingSslContext(settings);
      } catch (javax.net.ssl.SSLException e) {
        throw new IllegalStateException("TLS certificate/key do not load: " + e.getMessage(), e);
      }
      long every = settings.reloadInterval().toMillis();
      if (tlsReloads == null) {
        tlsReloads =
            Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("kafscale-tls-reload").daemon(true).factory());
      }
      ReloadingSslContext context = tls;
      tlsReloadTask =
          tlsReloads.scheduleWithFixedDelay(
              () -> {
                try {
                  context.reloadIfChanged();
                } catch (RuntimeException e) {
                  // A failed check must not cancel the periodic task.
                  LOG.warn("TLS reload check failed error={}", e.toString());
                }
              },
              every,
              every,
              TimeUnit.MILLISECONDS);
    }
    SaslServers sasl = new SaslServers(security.sasl(), scram);
    AtomicLong connectionIds = new AtomicLong();
    for (ListenerConfig listener : config.listeners()) {
      BrokerChannelInitializer initializer =
          new BrokerChannelInitializer(
              (context, frame) -> handler.handle(context, frame),
              requestMetrics,
              connectionMetrics,
              config.maxFrameBytes(),
              config.maxInflightBytesPerConnection(),
              new BrokerChannelInitializer.ListenerSecurity(
                  listener,
                  listener.tls() ? tls : null,
                  listener.sasl() ? sasl : null,
                  security.sasl().sessionLifetime(),
                  security.sasl().failureDelay(),
                  security.limits().maxPreAuthRequestBytes(),
                  security.limits().idleTimeout(),
                  securityMetrics,
                  clock),
              connectionIds);
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
                      if (!perIp.tryAcquire(channel)) {
                        securityMetrics.refused("max_connections_per_ip");
                        channel.close();
                        return;
                      }
                      connections.add(channel);
                      channel.pipeline().addLast(initializer);
                    }
                  });
      InetSocketAddress address =
          new InetSocketAddress(listener.bind().host(), listener.bind().port());
      Channel bound = bootstrap.bind(address).sync().channel();
      listenerChannels.put(listener.name(), bound);
    }
    serverChannel = listenerChannels.get(config.interBroker().name());
    return boundPort();
  }

  /** Starts accepting connections whose requests go to {@code requestHandler}. */
  public void start(RequestHandler requestHandler) {
    Channel channel = serverChannel;
    if (channel == null) {
      throw new IllegalStateException("bind() first");
    }
    this.handler = Objects.requireNonNull(requestHandler, "requestHandler");
    for (ListenerConfig listener : config.listeners()) {
      Channel bound = listenerChannels.get(listener.name());
      bound.config().setAutoRead(true);
      LOG.info(
          "Kafka listener accepting listener={} protocol={} address={} transport={}",
          listener.name(),
          listener.protocol(),
          bound.localAddress(),
          EventLoops.nativeTransport() ? "epoll" : "nio");
    }
  }

  /** The bound port; -1 before {@link #bind()}. */
  public int boundPort() {
    Channel channel = serverChannel;
    return channel == null ? -1 : ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** The bound port of listener {@code name}; -1 when there is no such bound listener. */
  public synchronized int boundPort(String name) {
    Channel channel = listenerChannels.get(name);
    return channel == null ? -1 : ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** The TLS context of the SSL listeners, null without any (tests trigger reloads with it). */
  public ReloadingSslContext tlsContext() {
    return tls;
  }

  /** Security meters (authentications, refused connections). */
  public SecurityMetrics securityMetrics() {
    return securityMetrics;
  }

  /** Refuses new connections and stops reading from open ones; responses still go out. */
  public void stopAccepting() {
    List<Channel> bound;
    synchronized (this) {
      bound = List.copyOf(listenerChannels.values());
    }
    for (Channel channel : bound) {
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
    synchronized (this) {
      if (tlsReloadTask != null) {
        tlsReloadTask.cancel(false);
      }
      if (ownsTlsReloads && tlsReloads != null) {
        tlsReloads.shutdownNow();
      }
    }
    stopAccepting();
    connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    workerGroup
        .shutdownGracefully(0, 2, TimeUnit.SECONDS)
        .awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
