/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.cluster;

import io.kafscale.broker.api.ApiSettings;

/** This broker as other clients reach it: id, advertised host and port, rack (nullable). */
public record BrokerEndpoint(int id, String host, int port, String rack) {
  public static BrokerEndpoint of(ApiSettings settings) {
    return new BrokerEndpoint(
        settings.brokerId(), settings.advertisedHost(), settings.advertisedPort(), settings.rack());
  }
}
