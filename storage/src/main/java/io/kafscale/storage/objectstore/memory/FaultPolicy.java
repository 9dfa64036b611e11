/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.memory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Test hook of {@link InMemoryObjectStore}: consulted before every operation, it decides whether
 * the operation proceeds now, later, or fails.
 *
 * <p>The returned stage gates the operation: completed normally means "go ahead" (immediately if
 * already complete), completed exceptionally means "fail the operation with this cause" (the cause
 * is passed through unwrapped, so return an {@code ObjectStoreException} to simulate retriable
 * trouble). A stage that is still pending holds the operation until the test completes it, which
 * lets tests observe "a PUT is in flight" states without sleeping. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface FaultPolicy {

  /** The operations of the object-store port, as seen by a {@link FaultPolicy}. */
  enum Operation {
    PUT,
    CREATE,
    GET,
    GET_RANGE,
    LIST,
    DELETE,
    DELETE_ALL
  }

  /**
   * Gate for one operation.
   *
   * @param operation what is about to run
   * @param key the object key, the list prefix, or {@code null} for {@link Operation#DELETE_ALL}
   */
  CompletionStage<Void> before(Operation operation, String key);

  /** A policy that lets every operation through immediately. */
  static FaultPolicy none() {
    return (operation, key) -> CompletableFuture.completedFuture(null);
  }

  /** A policy that fails every operation with a fresh error from {@code error}. */
  static FaultPolicy failing(Supplier<? extends Throwable> error) {
    return (operation, key) -> CompletableFuture.failedFuture(error.get());
  }
}
