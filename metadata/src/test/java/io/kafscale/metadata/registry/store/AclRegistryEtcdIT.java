/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.testing.EtcdMetadataExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AclRegistryContract} against a real etcd process (escaped keys, chunked deletes). */
class AclRegistryEtcdIT extends AclRegistryContract {
  @RegisterExtension static final EtcdMetadataExtension etcd = new EtcdMetadataExtension();

  @Override
  protected MetadataStore store() {
    return etcd.store();
  }
}
