/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.testing;

import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.StoreMetadata;
import io.kafscale.metadata.etcd.EtcdConfig;
import io.kafscale.metadata.etcd.EtcdMetadataStore;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension for integration tests against a real etcd: register it on a {@code static}
 * field with {@code @RegisterExtension}. It starts one {@link EtcdServer} per test class and, for
 * each test (before the test's own {@code @BeforeEach} methods), connects a fresh {@link
 * EtcdMetadataStore} to it and deletes every key; {@link #metadata()} is {@link StoreMetadata} over
 * that store with {@link KeyLayout#defaults()}, opened on first use. The store is closed after each
 * test and the server after the class. Not thread-safe: tests of one class must run one at a time.
 */
public final class EtcdMetadataExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private EtcdServer server;
  private MetadataStore store;
  private Metadata metadata;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = EtcdServer.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    store = EtcdMetadataStore.connect(EtcdConfig.of(List.of(server.endpoint())));
    // One server serves the whole class: start each test from an empty keyspace.
    store.txn(Txn.builder().then(Op.deletePrefix("/")).build()).join();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    // StoreMetadata owns nothing but the store: closing the store releases everything.
    if (store != null) {
      store.close();
    }
    store = null;
    metadata = null;
  }

  /** The running etcd process of the current test class. */
  public EtcdServer server() {
    return server;
  }

  /** The current test's store, connected and emptied. */
  public MetadataStore store() {
    return store;
  }

  /**
   * {@link StoreMetadata} over {@link #store()} with the default key layout, opened on first use
   * (opening writes the cluster id, which tests of the bare store may not want).
   */
  public Metadata metadata() {
    if (metadata == null) {
      metadata = StoreMetadata.open(store, KeyLayout.defaults(), Clock.systemUTC());
    }
    return metadata;
  }
}
