/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.interbroker;

import io.kafscale.metadata.model.BrokerRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty {@link InterBrokerClient}: one pooled {@link BrokerConnection} per broker id, replaced
 * when the broker's advertised endpoint or incarnation changes and closed (its requests failed)
 * once the broker is no longer among the live brokers (checked every {@link #EVICTION_INTERVAL});
 * its own small event loop group (daemon threads, so a forgotten client never keeps a process
 * alive). Every request is counted and timed ({@link InterBrokerMeters}). {@link #close()} fails
 * every pending request and stops the loops. Thread-safe.
 */
public final class NettyInterBrokerClient implements InterBrokerClient, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NettyInterBrokerClient.class);
  private final InterBrokerSettings settings;
  private final Clock clock;
  private final EventLoopGroup group;
  private final Bootstrap template;
  private final Map<Integer, BrokerConnection> connections = new HashMap<>();
  private final InterBrokerMeters meters;
  private final Supplier<Set<Integer>> liveBrokers;
  private boolean closed;

  /** How often connections of brokers that left the cluster are closed. */
  public static final Duration EVICTION_INTERVAL = Duration.ofSeconds(5);

  /** Without meters (a private registry) and without eviction (tests). */
  public NettyInterBrokerClient(InterBrokerSettings settings, Clock clock) {
    this(settings, clock, new SimpleMeterRegistry(), null);
  }

  /**
   * With meters in {@code registry}; connections of brokers absent from {@code liveBrokers} (the
   * ids of the current cluster image, null: never evict) are closed periodically.
   */
  public NettyInterBrokerClient(
      InterBrokerSettings settings,
      Clock clock,
      MeterRegistry registry,
      Supplier<Set<Integer>> liveBrokers) {
    this.settings = settings;
    this.clock = clock;
    this.meters = new InterBrokerMeters(registry);
    this.liveBrokers = liveBrokers;
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
    if (liveBrokers != null) {
      long period = EVICTION_INTERVAL.toMillis();
      group.scheduleAtFixedRate(this::evictSafely, period, period, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public CompletableFuture<ApiMessage> send(
      BrokerRecord broker, ApiKeys apiKey, short version, ApiMessage request) {
    long start = clock.millis();
    CompletableFuture<ApiMessage> response =
        connection(broker)
            .map(c -> c.send(apiKey, version, request))
            .orElseGet(
                () ->
                    CompletableFuture.failedFuture(
                        new NetworkException("inter-broker client closed")));
    return response.whenComplete(
        (r, e) -> meters.record(apiKey, e, Duration.ofMillis(clock.millis() - start)));
  }

  /**
   * Closes and drops the connections of brokers not in {@code live} (they left the cluster image);
   * their pending requests fail with a NetworkException. Returns the evicted broker ids.
   */
  public Set<Integer> evictAbsent(Set<Integer> live) {
    Map<Integer, BrokerConnection> evicted = new HashMap<>();
    synchronized (this) {
      connections
          .entrySet()
          .removeIf(
              e -> {
                if (live.contains(e.getKey())) {
                  return false;
                }
                evicted.put(e.getKey(), e.getValue());
                return true;
              });
    }
    evicted.values().forEach(BrokerConnection::close);
    if (!evicted.isEmpty()) {
      LOG.info("inter-broker connections closed for departed brokers={}", evicted.keySet());
    }
    return Set.copyOf(evicted.keySet());
  }

  /** Broker ids with a pooled connection (tests). */
  synchronized Set<Integer> connectedBrokerIds() {
    return Set.copyOf(connections.keySet());
  }

  private void evictSafely() {
    try {
      evictAbsent(liveBrokers.get());
    } catch (RuntimeException e) {
      // The next period tries again.
      LOG.warn("inter-broker eviction failed error={}", e.toString());
    }
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
