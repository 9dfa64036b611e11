/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import org.junit.jupiter.api.AfterEach;

/** Topic and broker config alteration over the in-memory store. */
class StoreTopicConfigRegistryTest extends TopicConfigRegistryScenarios {
  private final InMemoryMetadataStore store = new InMemoryMetadataStore(new ManualClock());

  @Override
  protected MetadataStore store() {
    return store;
  }

  @AfterEach
  void close() {
    store.close();
  }
}
