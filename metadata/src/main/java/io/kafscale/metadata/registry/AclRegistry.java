/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry;

import io.kafscale.metadata.acl.AclBinding;
import io.kafscale.metadata.acl.AclBindingFilter;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Kafka ACL bindings in the metadata store, one key per binding, written by CreateAcls and
 * DeleteAcls on any broker and watched by every broker's authorizer cache. Thread-safe.
 */
public interface AclRegistry {

  /** Every stored binding. */
  CompletableFuture<List<AclBinding>> list();

  /**
   * Stores {@code binding} (already valid: see {@link AclBinding#problem()}); storing one that
   * exists is a no-op that succeeds, as in Kafka.
   */
  CompletableFuture<Void> create(AclBinding binding);

  /** Deletes every binding {@code filter} matches and returns them. */
  CompletableFuture<List<AclBinding>> delete(AclBindingFilter filter);

  /** The prefix under which every binding is stored (for watches). */
  String prefix();
}
