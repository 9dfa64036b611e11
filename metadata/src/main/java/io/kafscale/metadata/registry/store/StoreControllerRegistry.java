/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.AssignmentRecord;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.registry.ControllerRegistry;
import io.kafscale.metadata.store.MetadataStore;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@link ControllerRegistry} over a {@link MetadataStore}. Contract placeholder. */
public final class StoreControllerRegistry implements ControllerRegistry {
  public StoreControllerRegistry(MetadataStore store, KeyLayout keys) {}

  @Override
  public CompletableFuture<Boolean> tryAcquire(BrokerSession session) {
    throw new UnsupportedOperationException("placeholder");
  }

  @Override
  public CompletableFuture<Void> resign(BrokerSession session) {
    throw new UnsupportedOperationException("placeholder");
  }

  @Override
  public CompletableFuture<Boolean> writeAssignments(
      BrokerSession session, Map<String, AssignmentRecord> assignments) {
    throw new UnsupportedOperationException("placeholder");
  }
}
