/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static io.kafscale.metadata.registry.store.RegistryFixture.join;

import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.StoreMetadata;
import io.kafscale.metadata.etcd.EtcdConfig;
import io.kafscale.metadata.etcd.EtcdMetadataStore;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.testing.EtcdServer;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link TransactionRegistryContract} against a real etcd process: its prefix ranges over escaped
 * ids and fencing by a real lease.
 */
class TransactionRegistryEtcdIT extends TransactionRegistryContract {
  private static EtcdServer server;
  private MetadataStore store;
  private Metadata metadata;

  @BeforeAll
  static void startEtcd() {
    server = EtcdServer.start();
  }

  @AfterAll
  static void stopEtcd() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected MetadataStore store() {
    connect();
    return store;
  }

  @Override
  protected Metadata metadata() {
    connect();
    return metadata;
  }

  private void connect() {
    if (store == null) {
      store = EtcdMetadataStore.connect(EtcdConfig.of(List.of(server.endpoint())));
      join(store.txn(Txn.builder().then(Op.deletePrefix("/")).build()));
      metadata = StoreMetadata.open(store, keys, Clock.systemUTC());
    }
  }

  @AfterEach
  void close() {
    if (metadata != null) {
      metadata.close();
    }
    store = null;
    metadata = null;
  }
}
