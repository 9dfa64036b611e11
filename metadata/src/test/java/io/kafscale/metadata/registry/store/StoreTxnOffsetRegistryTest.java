/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import org.junit.jupiter.api.BeforeEach;

/** {@link TxnOffsetRegistryContract} over the in-memory store. */
class StoreTxnOffsetRegistryTest extends TxnOffsetRegistryContract {
  @BeforeEach
  void openInMemory() {
    ManualClock clock = new ManualClock();
    open(new InMemoryMetadataStore(clock), clock);
  }
}
