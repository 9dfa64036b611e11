/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.network;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts open Kafka connections per client IP address over all listeners and refuses those above
 * the limit (Kafka's {@code max.connections.per.ip}). Thread-safe.
 */
public final class PerIpConnectionLimiter {
  private final int maxPerIp;
  private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

  public PerIpConnectionLimiter(int maxPerIp) {
    this.maxPerIp = maxPerIp;
  }

  /**
   * Counts {@code channel} when its IP is below the limit (uncounted again when it closes); false
   * when the connection must be refused.
   */
  public boolean tryAcquire(Channel channel) {
    if (!(channel.remoteAddress() instanceof InetSocketAddress remote)
        || remote.getAddress() == null) {
      return true;
    }
    InetAddress ip = remote.getAddress();
    boolean[] admitted = {false};
    open.compute(
        ip,
        (k, count) -> {
          int current = count == null ? 0 : count;
          if (current >= maxPerIp) {
            return count;
          }
          admitted[0] = true;
          return current + 1;
        });
    if (admitted[0]) {
      channel.closeFuture().addListener(f -> release(ip));
    }
    return admitted[0];
  }

  private void release(InetAddress ip) {
    open.computeIfPresent(ip, (k, count) -> count <= 1 ? null : count - 1);
  }

  /** Open connections counted for {@code ip}. */
  public int openFrom(InetAddress ip) {
    return open.getOrDefault(ip, 0);
  }
}
