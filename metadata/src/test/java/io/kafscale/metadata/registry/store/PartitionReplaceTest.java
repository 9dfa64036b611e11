/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static io.kafscale.metadata.registry.store.RegistryFixture.join;

import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.StoreMetadata;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** {@link PartitionReplaceContract} over the in-memory metadata store. */
class PartitionReplaceTest extends PartitionReplaceContract {
  private final ManualClock clock = new ManualClock();
  private final InMemoryMetadataStore memory = new InMemoryMetadataStore(clock);
  private final Metadata metadata = StoreMetadata.open(memory, keys, clock);

  @Override
  protected MetadataStore store() {
    return memory;
  }

  @BeforeEach
  void createTopic() {
    join(metadata.topics().create("orders", 1, Map.of()));
  }

  @AfterEach
  void close() {
    metadata.close();
  }
}
