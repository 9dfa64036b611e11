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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Read-only view of segment references, for object garbage collection: the object keys (segment and
 * index objects) that committed segments point to. The collector works one partition at a time
 * ({@link #objectKeys(String, int)} reads only that partition's {@link KeyLayout#segmentsPrefix}
 * range, never producer keys, so a response is bounded by the partition's retained segments; the
 * port has no paging), discovering partitions through {@link #partitionCounts()} and the topics
 * deleted at some time through {@link #deletedTopics()}. Every read happens after the call starts,
 * so a reference committed before the call is always seen. A segment value that cannot be decoded
 * fails the whole read: a garbage collector must never mistake an unreadable reference for a
 * missing one. Thread-safe; never writes.
 */
public final class SegmentReferences {
  private final MetadataStore store;
  private final KeyLayout keys;

  public SegmentReferences(MetadataStore store, KeyLayout keys) {
    this.store = store;
    this.keys = keys;
  }

  /** Every existing topic and its partition count, in name order (one read of the topic keys). */
  public CompletableFuture<Map<String, Integer>> partitionCounts() {
    return store
        .getPrefix(keys.topicsPrefix())
        .thenApply(
            kvs -> {
              Map<String, Integer> counts = new TreeMap<>();
              for (KeyValue kv : kvs) {
                counts.put(
                    keys.topicNameOf(kv.key()),
                    ProtoCodec.decodeTopic(kv.value()).partitionCount());
              }
              return counts;
            });
  }

  /**
   * Names of every topic ever deleted (each deletion leaves its epoch floor key, see {@link
   * KeyLayout#epochFloor}); a name may belong to an existing, re-created topic as well.
   */
  public CompletableFuture<Set<String>> deletedTopics() {
    // KeyLayout has no prefix method for the floors: derive it from a floor key of a one-char name.
    String probe = keys.epochFloor("x");
    String prefix = probe.substring(0, probe.length() - 1);
    return store
        .getPrefix(prefix)
        .thenApply(
            kvs -> {
              Set<String> names = new TreeSet<>();
              for (KeyValue kv : kvs) {
                String name = kv.key().substring(prefix.length());
                if (!name.isEmpty() && name.indexOf('/') < 0) {
                  names.add(name);
                }
              }
              return names;
            });
  }

  /**
   * The object keys referenced by the committed segments of one partition (segment objects and
   * index objects), read from its segments range only. Empty for a partition or topic that does not
   * exist. Fails with the store's exception or {@code CorruptValueException}.
   */
  public CompletableFuture<Set<String>> objectKeys(String topic, int partition) {
    return store
        .getPrefix(keys.segmentsPrefix(topic, partition))
        .thenApply(
            kvs -> {
              Set<String> referenced = new HashSet<>();
              for (KeyValue kv : kvs) {
                if (keys.isSegmentKey(kv.key())) {
                  SegmentRecord segment = ProtoCodec.decodeSegment(kv.value());
                  referenced.add(segment.objectKey());
                  if (segment.indexKey() != null) {
                    referenced.add(segment.indexKey());
                  }
                }
              }
              return referenced;
            });
  }

  /**
   * Every object key referenced by a committed segment (its segment object and, if any, its index
   * object), across all topics, in one set: for tests and diagnostics of small clusters; garbage
   * collection uses the per-partition reads above. Fails with the store's exception or {@code
   * CorruptValueException}.
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
