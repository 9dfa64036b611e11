/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.admin;

import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the committed segment references of any partition from the metadata store (one read of the
 * partition's state key, one of its segments range), whoever owns it. Thread-safe; never writes.
 */
public final class StoredSegments {
  private final MetadataStore store;
  private final KeyLayout keys;

  public StoredSegments(MetadataStore store, KeyLayout keys) {
    this.store = store;
    this.keys = keys;
  }

  /**
   * The partition's segments, oldest first; empty when the partition does not exist (no state key).
   * Fails with the store's exception or {@code CorruptValueException}.
   */
  public CompletableFuture<Optional<List<SegmentRecord>>> of(String topic, int partition) {
    CompletableFuture<Optional<KeyValue>> state = store.get(keys.partitionState(topic, partition));
    CompletableFuture<List<KeyValue>> segments =
        store.getPrefix(keys.segmentsPrefix(topic, partition));
    return state.thenCombine(
        segments,
        (s, kvs) -> {
          if (s.isEmpty()) {
            return Optional.empty();
          }
          List<SegmentRecord> out = new ArrayList<>(kvs.size());
          for (KeyValue kv : kvs) {
            if (keys.isSegmentKey(kv.key())) {
              out.add(ProtoCodec.decodeSegment(kv.value()));
            }
          }
          return Optional.of(out);
        });
  }
}
