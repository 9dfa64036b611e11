/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.lease;

import io.kafscale.metadata.store.MetadataStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Holds one metadata-store lease alive and knows, from its own clock, until when the lease is
 * certainly still alive: after each successful keep-alive it is valid until the time that
 * keep-alive was <em>sent</em> plus the TTL minus a safety margin. When that moment passes without
 * a newer successful keep-alive, or the store answers that the lease is gone, the keeper declares
 * the lease lost (once) and calls {@code onLost}: the broker must then stop writing under it
 * before the store can expire it. Keep-alives are sent every {@code ttl / 3}. Thread-safe.
 */
public final class LeaseKeeper implements AutoCloseable {

  /**
   * @param ttl the lease's time to live in the store
   * @param safetyMargin how long before the store could expire the lease this keeper declares it
   *     lost (must be less than {@code ttl / 3}... covers clock-rate drift and scheduling delay)
   * @param onLost called once, on the keeper's thread, when the lease is lost
   */
  public LeaseKeeper(
      MetadataStore store, Duration ttl, Duration safetyMargin, Clock clock, Runnable onLost) {
    throw new UnsupportedOperationException("contract: to be implemented");
  }

  /** Grants the lease and starts keeping it alive; completes with its id. Call once. */
  public CompletableFuture<Long> start() {
    throw new UnsupportedOperationException("contract: to be implemented");
  }

  /** The lease id (after {@link #start()} completed). */
  public long leaseId() {
    throw new UnsupportedOperationException("contract: to be implemented");
  }

  /** Whether the lease is certainly still alive in the store right now, by the keeper's clock. */
  public boolean isValid() {
    throw new UnsupportedOperationException("contract: to be implemented");
  }

  /** Stops the keep-alives and revokes the lease (its keys vanish at once). */
  public CompletableFuture<Void> revoke() {
    throw new UnsupportedOperationException("contract: to be implemented");
  }

  /** Stops the keep-alives without revoking (the lease expires by itself). Idempotent. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("contract: to be implemented");
  }
}
