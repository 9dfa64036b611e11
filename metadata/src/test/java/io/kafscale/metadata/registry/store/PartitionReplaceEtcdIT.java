/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static io.kafscale.metadata.registry.store.RegistryFixture.join;

import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.testing.EtcdMetadataExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link PartitionReplaceContract} against a real etcd process (one per class, emptied before each
 * test): etcd's own transaction rules (op limit, no put and delete of one key) apply.
 */
class PartitionReplaceEtcdIT extends PartitionReplaceContract {
  @RegisterExtension static final EtcdMetadataExtension etcd = new EtcdMetadataExtension();

  @Override
  protected MetadataStore store() {
    return etcd.store();
  }

  @BeforeEach
  void createTopic() {
    join(etcd.metadata().topics().create("orders", 1, Map.of()));
  }
}
