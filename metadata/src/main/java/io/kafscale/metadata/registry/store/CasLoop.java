/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.store.MetadataStoreException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Retries a read-then-compare-and-set attempt while it loses to concurrent writers. */
final class CasLoop {
  static final int MAX_ATTEMPTS = 16;

  private CasLoop() {}

  /**
   * Runs {@code attempt} until it yields a value; an empty result means its compare failed because
   * someone else wrote first, so it reads again and retries, up to {@value #MAX_ATTEMPTS} times.
   */
  static <T> CompletableFuture<T> run(
      String what, Supplier<CompletableFuture<Optional<T>>> attempt) {
    return run(what, attempt, 1);
  }

  private static <T> CompletableFuture<T> run(
      String what, Supplier<CompletableFuture<Optional<T>>> attempt, int n) {
    return attempt
        .get()
        .thenCompose(
            result -> {
              if (result.isPresent()) {
                return CompletableFuture.completedFuture(result.get());
              }
              if (n >= MAX_ATTEMPTS) {
                return CompletableFuture.failedFuture(
                    new MetadataStoreException(
                        what + ": gave up after " + n + " conflicting concurrent writes"));
              }
              return run(what, attempt, n + 1);
            });
  }
}
