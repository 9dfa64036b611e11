/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.StoreMetadata;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import org.junit.jupiter.api.AfterEach;

/** {@link TransactionRegistryContract} over the in-memory metadata store. */
class StoreTransactionRegistryTest extends TransactionRegistryContract {
  private final ManualClock clock = new ManualClock();
  private final InMemoryMetadataStore memory = new InMemoryMetadataStore(clock);
  private final Metadata metadata = StoreMetadata.open(memory, keys, clock);

  @Override
  protected MetadataStore store() {
    return memory;
  }

  @Override
  protected Metadata metadata() {
    return metadata;
  }

  @AfterEach
  void close() {
    metadata.close();
  }
}
