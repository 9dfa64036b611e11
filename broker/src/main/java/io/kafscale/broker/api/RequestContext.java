/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api;

import io.kafscale.broker.security.acl.KafkaPrincipal;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Who sent a request and on which connection. {@code principal} is the connection's authenticated
 * identity, {@link KafkaPrincipal#ANONYMOUS} until the network layer authenticates connections
 * (TLS/SASL listeners set it per connection); the authorizer decides with it and {@link #host()}.
 * {@code listenerName} names the listener the connection came in on (null when unknown: tests,
 * in-process calls); Metadata, FindCoordinator and DescribeCluster answer that listener's
 * advertised addresses.
 */
public record RequestContext(
    long connectionId,
    InetSocketAddress remoteAddress,
    String clientId,
    KafkaPrincipal principal,
    String listenerName) {

  public RequestContext {
    Objects.requireNonNull(principal, "principal");
  }

  /** A request on an unnamed listener. */
  public RequestContext(
      long connectionId,
      InetSocketAddress remoteAddress,
      String clientId,
      KafkaPrincipal principal) {
    this(connectionId, remoteAddress, clientId, principal, null);
  }

  /** An unauthenticated connection's request ({@code User:ANONYMOUS}). */
  public RequestContext(long connectionId, InetSocketAddress remoteAddress, String clientId) {
    this(connectionId, remoteAddress, clientId, KafkaPrincipal.ANONYMOUS);
  }

  /** The client's IP address as ACL hosts name it; {@code ""} when unknown (tests). */
  public String host() {
    if (remoteAddress == null) {
      return "";
    }
    return remoteAddress.getAddress() != null
        ? remoteAddress.getAddress().getHostAddress()
        : remoteAddress.getHostString();
  }
}
