/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console;

import io.kafscale.broker.config.ConfigException;
import io.kafscale.console.config.ConsoleConfig;
import io.kafscale.console.service.MetadataReader;
import io.kafscale.console.service.StoreMetadataReader;
import io.kafscale.metadata.etcd.EtcdMetadataStore;
import io.kafscale.metadata.keys.KeyLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of {@code kafscale-console.jar} (the console's Kubernetes Deployment): reads the
 * configuration from the environment, connects read-only to etcd when configured, starts the
 * console and closes it on SIGTERM. Exit status 2 for invalid configuration (every problem is
 * printed, e.g. missing credentials: there is no default password here), 1 for a failed start.
 */
public final class ConsoleMain {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleMain.class);

  private ConsoleMain() {}

  public static void main(String[] args) {
    ConsoleConfig config;
    try {
      config = ConsoleConfig.load(System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    EtcdMetadataStore etcd = null;
    Console console;
    try {
      etcd = config.etcd().map(EtcdMetadataStore::connect).orElse(null);
      MetadataReader metadata =
          etcd == null
              ? MetadataReader.NONE
              : new StoreMetadataReader(etcd, KeyLayout.defaults(), config.metadataTimeout());
      console = Console.start(config, metadata);
    } catch (RuntimeException e) {
      LOG.error("Console failed to start error={}", e.toString());
      if (etcd != null) {
        etcd.close();
      }
      System.exit(1);
      return;
    }
    EtcdMetadataStore store = etcd;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  console.close();
                  if (store != null) {
                    store.close();
                  }
                },
                "kafscale-console-shutdown"));
    LOG.info(
        "Console started addr={}:{} bootstrap={} readOnly={} metadata={}",
        config.listen().host(),
        console.port(),
        config.bootstrapServers(),
        config.readOnly(),
        etcd == null ? "none" : "etcd");
  }
}
