/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import io.kafscale.broker.config.BrokerConfig;
import io.kafscale.metadata.etcd.EtcdMetadataStore;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.MetadataStoreException;
import io.kafscale.metadata.store.embedded.EmbeddedMetadataStore;
import io.kafscale.metadata.store.embedded.EmbeddedStoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens the configured metadata store: etcd when endpoints are configured (checked reachable at
 * start, never falling back to anything else), else the embedded store under the data directory.
 */
final class MetadataStores {
  /** Safety net above the store's own request timeout, which normally fails the probe first. */
  private static final long ETCD_CHECK_TIMEOUT_SECONDS = 30;

  private MetadataStores() {}

  /**
   * @throws BrokerStartException when etcd is configured but unreachable or its TLS files unusable
   */
  static MetadataStore open(BrokerConfig config, Closer closer)
      throws IOException, InterruptedException {
    if (!config.usesEtcd()) {
      Path metadataDir = Files.createDirectories(config.dataDir().resolve("metadata"));
      // Not registered: the Metadata opened over it owns and closes it.
      return EmbeddedMetadataStore.open(
          metadataDir, EmbeddedStoreOptions.defaults().withFsync(config.localFsync()));
    }
    String where = "endpoints=" + config.etcd().endpoints();
    EtcdMetadataStore store;
    try {
      // Registered so a failed probe closes the client; a second close (by Metadata) is a no-op.
      store = closer.register(EtcdMetadataStore.connect(config.etcd()));
    } catch (MetadataStoreException e) {
      throw new BrokerStartException(
          "etcd metadata store cannot be set up (" + where + "): " + e.getMessage(), e);
    }
    // connect() does not contact etcd; one read proves it answers before anything is loaded.
    try {
      store.currentRevision().get(ETCD_CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new BrokerStartException(
          "etcd metadata store unreachable (" + where + "): " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new BrokerStartException(
          "etcd metadata store did not answer within "
              + ETCD_CHECK_TIMEOUT_SECONDS
              + " s ("
              + where
              + ")",
          e);
    }
    return store;
  }
}
