/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry;

import io.kafscale.metadata.model.AssignmentRecord;
import io.kafscale.metadata.model.BrokerSession;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Controller election and the controller's writes. One broker at a time holds the controller key
 * (attached to its lease); only it writes topic assignments, and each write checks it still holds
 * the key, so a deposed controller cannot overwrite its successor's decisions. Thread-safe.
 */
public interface ControllerRegistry {

  /**
   * Becomes controller if no broker is: creates the controller key under the session's lease.
   * Completes with whether this session holds the key afterwards (true also when it already did).
   */
  CompletableFuture<Boolean> tryAcquire(BrokerSession session);

  /** Deletes the controller key if this session holds it. */
  CompletableFuture<Void> resign(BrokerSession session);

  /**
   * Writes the given topic assignments (topic name to assignment) in as few transactions as the
   * store allows, each checking that {@code session} still holds the controller key and that the
   * topic still exists. Completes with false, writing nothing further, as soon as a transaction
   * finds the session no longer controller; topics deleted meanwhile are skipped.
   */
  CompletableFuture<Boolean> writeAssignments(
      BrokerSession session, Map<String, AssignmentRecord> assignments);
}
