/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.Objects;

/**
 * One advertised Kafka listener of a broker: a client connected to listener {@code name} (e.g.
 * {@code EXTERNAL}) is told to reach this broker at {@code host:port}. Immutable.
 */
public record ListenerEndpoint(String name, String host, int port) {
  public ListenerEndpoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
  }
}
