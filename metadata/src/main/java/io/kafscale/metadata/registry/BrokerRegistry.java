/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry;

import io.kafscale.metadata.model.BrokerRecord;
import java.util.concurrent.CompletableFuture;

/** Live broker registrations, each attached to its broker's lease. Thread-safe. */
public interface BrokerRegistry {

  /**
   * Registers a broker under {@code leaseId}. With {@code broker.brokerId() >= 0} the id is fixed:
   * an existing registration of that id is taken over (it is an earlier incarnation of this broker,
   * whose lease has not expired yet). With a negative id, the lowest id with no registration is
   * allocated by compare-and-set (so concurrent starts never get the same id), preferring {@code
   * preferredId} when it is non-negative and free (a broker re-registering after it lost its lease
   * keeps its id when it can). A registration with the same incarnation as {@code broker} counts as
   * free: it is this very process's, left under a lease it gave up (etcd may keep such a lease
   * alive across its own restart). Returns the registration as stored. Fails with {@code
   * LeaseNotFoundException} if the lease is gone.
   */
  CompletableFuture<BrokerRecord> register(BrokerRecord broker, long leaseId, int preferredId);

  /**
   * Replaces this broker's registration (e.g. to mark it draining) if the stored one still has the
   * same incarnation; returns whether it did.
   */
  CompletableFuture<Boolean> update(BrokerRecord broker, long leaseId);

  /** Deletes the registration if it still has {@code broker}'s incarnation. */
  CompletableFuture<Void> deregister(BrokerRecord broker);
}
