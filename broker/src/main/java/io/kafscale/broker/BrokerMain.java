/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import io.kafscale.broker.config.BrokerConfig;
import io.kafscale.broker.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of {@code kafscale-broker.jar}: reads the configuration from the environment, starts
 * the broker and closes it on SIGTERM/SIGINT. Exit status 2 for invalid configuration, 1 for a
 * failed start.
 */
public final class BrokerMain {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerMain.class);

  private BrokerMain() {}

  public static void main(String[] args) {
    BrokerConfig config;
    try {
      config = BrokerConfig.load(System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Broker broker;
    try {
      broker = Broker.start(config);
    } catch (BrokerStartException e) {
      LOG.error("Broker failed to start error={}", e.getMessage());
      LOG.debug("Start failure stack trace", e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafscale-shutdown"));
    LOG.info(
        "Broker started brokerId={} kafka={} advertised={}:{} admin={} objects={} metadata={}",
        config.brokerId(),
        config.network().listen().host() + ":" + broker.kafkaPort(),
        config.network().advertisedHost(),
        config.network().advertisedPort() == 0
            ? broker.kafkaPort()
            : config.network().advertisedPort(),
        config.network().admin().host() + ":" + broker.adminPort(),
        broker.objectStoreKind(),
        broker.metadataStoreKind());
    // The Netty event loop threads are not daemons: they keep the process alive until the hook.
  }
}
