/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.cluster;

import io.kafscale.metadata.store.CompactedRevisionException;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Watch;
import io.kafscale.metadata.store.WatchEvent;
import io.kafscale.metadata.testing.ForwardingMetadataStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A store that forwards to another one but can lose watch events, refuse watches as compacted, and
 * counts loads, to show how the feed copes with what a real store may do. Thread-safe.
 */
final class InterceptingMetadataStore extends ForwardingMetadataStore {

  /** While set, watch events are swallowed (a watch that silently lost its stream). */
  final AtomicBoolean dropWatchEvents = new AtomicBoolean();

  /** How many more watchPrefix calls fail with {@link CompactedRevisionException}. */
  final AtomicInteger compactedWatches = new AtomicInteger();

  /** How many times currentRevision was asked (once per feed load). */
  final AtomicInteger revisionReads = new AtomicInteger();

  /** How many watches were opened. */
  final AtomicInteger watchesOpened = new AtomicInteger();

  InterceptingMetadataStore(MetadataStore delegate) {
    super(delegate);
  }

  @Override
  public CompletableFuture<Long> currentRevision() {
    revisionReads.incrementAndGet();
    return delegate.currentRevision();
  }

  @Override
  public Watch watchPrefix(String prefix, long fromRevision, Consumer<List<WatchEvent>> listener) {
    if (compactedWatches.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new CompactedRevisionException("test: revision " + fromRevision + " compacted");
    }
    watchesOpened.incrementAndGet();
    return delegate.watchPrefix(
        prefix,
        fromRevision,
        batch -> {
          if (!dropWatchEvents.get()) {
            listener.accept(batch);
          }
        });
  }
}
