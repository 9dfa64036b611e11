/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry;

import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.PendingTxnOffsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Pending transactional offset commits in the metadata store, one value per group and producer, so
 * they survive a coordinator failover. Only the group's coordinator writes them, every write fenced
 * like {@link GroupRegistry}'s (fails with {@link FencedEpochException} once the fence no longer
 * holds). Thread-safe.
 */
public interface TxnOffsetRegistry {

  /** One stored pending value's address. */
  record PendingKey(String groupId, long producerId) {}

  /** The group's pending offsets by producer id (empty when none). */
  CompletableFuture<Map<Long, PendingTxnOffsets>> load(String groupId);

  /** Every group and producer with pending offsets. */
  CompletableFuture<List<PendingKey>> listPending();

  /** Stores (replaces) one producer's pending offsets for the group. */
  CompletableFuture<Void> save(CoordinatorFence fence, String groupId, PendingTxnOffsets pending);

  /** Deletes one producer's pending offsets for the group (nothing stored is fine). */
  CompletableFuture<Void> delete(CoordinatorFence fence, String groupId, long producerId);
}
