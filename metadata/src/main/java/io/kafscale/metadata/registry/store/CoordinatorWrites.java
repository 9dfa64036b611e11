/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.store.Compare;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The fenced write every coordinator registry (groups, transactions, pending transactional offsets)
 * makes: one transaction whose single compare is that the coordinator partition's owner key still
 * holds the claim the coordinator made at its epoch. Stateless and thread-safe.
 */
final class CoordinatorWrites {
  private CoordinatorWrites() {}

  /**
   * Runs {@code ops} in one transaction that holds only while {@code fence} does; fails with {@link
   * FencedEpochException} (naming {@code what}) when it does not.
   */
  static CompletableFuture<Void> fenced(
      MetadataStore store, KeyLayout keys, CoordinatorFence fence, List<Op> ops, String what) {
    String ownerKey;
    try {
      ownerKey = keys.owner(fence.topic(), fence.partition());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    Txn.Builder txn =
        Txn.builder()
            .when(
                Compare.valueEquals(
                    ownerKey, ProtoCodec.encodeOwner(fence.session().owner(fence.epoch()))));
    ops.forEach(txn::then);
    return store
        .txn(txn.build())
        .thenCompose(
            r ->
                r.succeeded()
                    ? CompletableFuture.<Void>completedFuture(null)
                    : CompletableFuture.<Void>failedFuture(notCoordinator(fence, what)));
  }

  private static FencedEpochException notCoordinator(CoordinatorFence fence, String what) {
    return new FencedEpochException(
        what
            + ": broker "
            + fence.session().brokerId()
            + " no longer owns coordinator partition "
            + fence.topic()
            + "-"
            + fence.partition()
            + " at leader epoch "
            + fence.epoch());
  }
}
