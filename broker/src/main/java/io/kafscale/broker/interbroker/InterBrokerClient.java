/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.interbroker;

import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.protocol.api.SupportedApis;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * Port: sends one Kafka request to another broker of this cluster and completes with its response
 * body. Fails with kafka-clients' {@code NetworkException} (not connected, connection lost, backing
 * off after a failed connect) or {@code TimeoutException} (no response within the request timeout);
 * both are retriable. Thread-safe.
 */
public interface InterBrokerClient {

  /** Sends {@code request} as {@code apiKey} at {@code version} to {@code broker}'s endpoint. */
  CompletableFuture<ApiMessage> send(
      BrokerRecord broker, ApiKeys apiKey, short version, ApiMessage request);

  /**
   * The version to send {@code apiKey} at: the newest one our brokers serve (we talk only to our
   * own brokers, so no ApiVersions negotiation).
   */
  static short versionOf(ApiKeys apiKey) {
    return SupportedApis.of(apiKey)
        .map(SupportedApis::maxServedVersion)
        .orElseThrow(() -> new IllegalArgumentException(apiKey + " is not served by our brokers"));
  }
}
