/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.registry.BrokerRegistry;
import io.kafscale.metadata.store.MetadataStore;
import java.util.concurrent.CompletableFuture;

/** {@link BrokerRegistry} over a {@link MetadataStore}. Contract placeholder: being implemented. */
public final class StoreBrokerRegistry implements BrokerRegistry {
  public StoreBrokerRegistry(MetadataStore store, KeyLayout keys) {}

  @Override
  public CompletableFuture<BrokerRecord> register(
      BrokerRecord broker, long leaseId, int preferredId) {
    throw new UnsupportedOperationException("placeholder");
  }

  @Override
  public CompletableFuture<Boolean> update(BrokerRecord broker, long leaseId) {
    throw new UnsupportedOperationException("placeholder");
  }

  @Override
  public CompletableFuture<Void> deregister(BrokerRecord broker) {
    throw new UnsupportedOperationException("placeholder");
  }
}
