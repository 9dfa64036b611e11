/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import org.junit.jupiter.api.AfterEach;

/** {@link AclRegistryContract} over the in-memory metadata store. */
class StoreAclRegistryTest extends AclRegistryContract {
  private final InMemoryMetadataStore memory = new InMemoryMetadataStore(new ManualClock());

  @Override
  protected MetadataStore store() {
    return memory;
  }

  @AfterEach
  void close() {
    memory.close();
  }
}
