/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.testing.EtcdMetadataExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Topic and broker config alteration against a real etcd (one per class, emptied per test). */
class TopicConfigRegistryEtcdIT extends TopicConfigRegistryScenarios {
  @RegisterExtension static final EtcdMetadataExtension etcd = new EtcdMetadataExtension();

  @Override
  protected MetadataStore store() {
    return etcd.store();
  }
}
