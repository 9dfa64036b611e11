/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry;

import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Read-only view of every segment reference of every topic, for object garbage collection: the
 * object keys (segment and index objects) that committed segments point to. Reads the topic list,
 * then each topic's {@link KeyLayout#partitionsPrefix(String)} in turn (one bounded response per
 * topic rather than one for the whole cluster). Every read happens after the call starts, so a
 * reference committed before the call is always seen. A segment value that cannot be decoded fails
 * the whole read: a garbage collector must never mistake an unreadable reference for a missing one.
 * Thread-safe; never writes.
 */
public final class SegmentReferences {
  private final MetadataStore store;
  private final KeyLayout keys;

  public SegmentReferences(MetadataStore store, KeyLayout keys) {
    this.store = store;
    this.keys = keys;
  }

  /**
   * Every object key referenced by a committed segment (its segment object and, if any, its index
   * object), across all topics. Fails with the store's exception or {@code CorruptValueException}.
   */
  public CompletableFuture<Set<String>> objectKeys() {
    return store
        .getPrefix(keys.topicsPrefix())
        .thenCompose(
            topics -> {
              List<String> names = new ArrayList<>(topics.size());
              for (KeyValue kv : topics) {
                names.add(keys.topicNameOf(kv.key()));
              }
              return collect(names, 0, new HashSet<>());
            });
  }

  private CompletableFuture<Set<String>> collect(
      List<String> topics, int i, Set<String> referenced) {
    if (i == topics.size()) {
      return CompletableFuture.completedFuture(referenced);
    }
    return store
        .getPrefix(keys.partitionsPrefix(topics.get(i)))
        .thenCompose(
            kvs -> {
              for (KeyValue kv : kvs) {
                if (keys.isSegmentKey(kv.key())) {
                  SegmentRecord segment = ProtoCodec.decodeSegment(kv.value());
                  referenced.add(segment.objectKey());
                  if (segment.indexKey() != null) {
                    referenced.add(segment.indexKey());
                  }
                }
              }
              return collect(topics, i + 1, referenced);
            });
  }
}
