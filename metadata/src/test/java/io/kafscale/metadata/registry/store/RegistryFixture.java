/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.store.MetadataStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Helpers shared by the registry tests: waiting on futures and opening broker sessions. */
final class RegistryFixture {
  static final Duration LEASE_TTL = Duration.ofSeconds(10);

  private RegistryFixture() {}

  static <T> T join(CompletableFuture<T> f) {
    try {
      return f.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  static Throwable failureOf(CompletableFuture<?> f) {
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected the future to fail");
  }

  /** A new incarnation of broker {@code brokerId} under a fresh lease of {@link #LEASE_TTL}. */
  static BrokerSession session(MetadataStore store, int brokerId, String incarnation) {
    return new BrokerSession(brokerId, incarnation, join(store.grantLease(LEASE_TTL)));
  }

  static BrokerSession session(MetadataStore store, int brokerId) {
    return session(store, brokerId, "inc-" + brokerId);
  }
}
