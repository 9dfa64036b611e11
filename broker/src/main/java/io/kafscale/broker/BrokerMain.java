/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import io.kafscale.broker.config.BrokerConfig;
import io.kafscale.broker.config.ConfigException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of {@code kafscale-broker.jar}: reads the configuration from the environment, starts
 * the broker and closes it on SIGTERM/SIGINT (handing its partitions over first), then exits with
 * status 0. Exit status 2 for invalid configuration, 1 for a failed start, 70 when the broker must
 * restart because its id was taken while it had lost its lease.
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
    try {
      Broker.start(config, Clock.systemUTC(), BrokerMain::onStarted);
    } catch (BrokerStartException e) {
      LOG.error("Broker failed to start error={}", e.getMessage());
      LOG.debug("Start failure stack trace", e);
      System.exit(1);
    }
    // The Netty event loop threads are not daemons: they keep the process alive until the hook.
  }

  /** Runs before the broker reports ready: from then on SIGTERM always drains it. */
  private static void onStarted(Broker broker) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.close();
                  // A completed graceful stop is a success, not the JVM's 143 for SIGTERM.
                  Runtime.getRuntime().halt(0);
                },
                "kafscale-shutdown"));
    BrokerConfig config = broker.config();
    LOG.info(
        "Broker started brokerId={} kafka={} advertised={}:{} admin={} objects={} metadata={}",
        broker.brokerId(),
        config.network().listen().host() + ":" + broker.kafkaPort(),
        config.network().advertisedHost(),
        config.network().advertisedPort() == 0
            ? broker.kafkaPort()
            : config.network().advertisedPort(),
        config.network().admin().host() + ":" + broker.adminPort(),
        broker.objectStoreKind(),
        broker.metadataStoreKind());
  }
}
