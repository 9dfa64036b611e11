/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry;

import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.TransactionRecord;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Transaction coordinator state, one record per transactional id, in the metadata store. Only the
 * id's coordinator (the owner of its {@code __transaction_state} partition) writes it, and every
 * write checks the coordinator's fence, so a coordinator that lost its partition can never
 * overwrite its successor. Thread-safe.
 */
public interface TransactionRegistry {

  /** The id's record, empty if none is stored. */
  CompletableFuture<Optional<TransactionRecord>> load(String transactionalId);

  /** Every stored record, sorted by transactional id. */
  CompletableFuture<List<TransactionRecord>> listAll();

  /**
   * Stores {@code txn} under its transactional id. Fails with {@link FencedEpochException} when the
   * fence no longer holds.
   */
  CompletableFuture<Void> save(CoordinatorFence fence, TransactionRecord txn);

  /**
   * Deletes the id's record (nothing when none). Fails with {@link FencedEpochException} when the
   * fence no longer holds.
   */
  CompletableFuture<Void> delete(CoordinatorFence fence, String transactionalId);
}
