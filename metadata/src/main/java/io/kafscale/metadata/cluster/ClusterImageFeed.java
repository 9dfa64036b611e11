/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.cluster;

import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.store.MetadataStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Keeps a {@link ClusterImage} current from the metadata store: loads the brokers, controller,
 * topics, assignments and owners prefixes, then follows them with prefix watches, publishing a new
 * image after every applied revision. Also re-reads everything every {@code resyncInterval} (and
 * at once when a watch is lost to compaction), so a missed event cannot leave the image wrong for
 * long. Thread-safe; listeners run on a store thread and must not block.
 */
public final class ClusterImageFeed implements AutoCloseable {

  public ClusterImageFeed(MetadataStore store, KeyLayout keys, Duration resyncInterval) {
    throw new UnsupportedOperationException("contract: to be implemented");
  }

  /** Loads the image and starts the watches; completes with the first image. */
  public CompletableFuture<ClusterImage> start() {
    throw new UnsupportedOperationException("contract: to be implemented");
  }

  /** The latest image ({@link ClusterImage#empty()} before {@link #start()} completes). */
  public ClusterImage current() {
    throw new UnsupportedOperationException("contract: to be implemented");
  }

  /**
   * Calls {@code listener} with every new image, in order, starting with the current one if the
   * feed has started. Returns a handle that removes the listener.
   */
  public AutoCloseable subscribe(Consumer<ClusterImage> listener) {
    throw new UnsupportedOperationException("contract: to be implemented");
  }

  /**
   * Completes with the first image (the current one included) that satisfies {@code condition},
   * or exceptionally with {@code java.util.concurrent.TimeoutException} after {@code timeout}.
   */
  public CompletableFuture<ClusterImage> await(Predicate<ClusterImage> condition, Duration timeout) {
    throw new UnsupportedOperationException("contract: to be implemented");
  }

  /** Stops the watches and the resync timer; pending awaits fail. Idempotent. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("contract: to be implemented");
  }
}
