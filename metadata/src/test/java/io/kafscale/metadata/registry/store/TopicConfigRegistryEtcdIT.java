/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static io.kafscale.metadata.registry.store.RegistryFixture.join;

import io.kafscale.metadata.etcd.EtcdConfig;
import io.kafscale.metadata.etcd.EtcdMetadataStore;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.testing.EtcdServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Topic and broker config alteration against a real etcd (one per class, emptied per test). */
class TopicConfigRegistryEtcdIT extends TopicConfigRegistryScenarios {
  private static EtcdServer server;
  private MetadataStore store;

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

  @BeforeEach
  void connect() {
    store = EtcdMetadataStore.connect(EtcdConfig.of(List.of(server.endpoint())));
    join(store.txn(Txn.builder().then(Op.deletePrefix("/")).build()));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Override
  protected MetadataStore store() {
    return store;
  }
}
