/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.GroupRecord;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.StoredGroup;
import io.kafscale.metadata.registry.GroupRegistry;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * {@link GroupRegistry} over a {@link MetadataStore}. A group's record lives at {@link
 * KeyLayout#group}, its offsets one key per topic at {@link KeyLayout#offsets}. Every write is a
 * transaction whose single compare is that the coordinator partition's owner key still holds the
 * value the fence's session wrote when it claimed the partition at the fence's epoch: a new
 * coordinator's claim rewrites that key and the old coordinator's lease expiry deletes it, so a
 * deposed coordinator writes nothing. Offset writes are split into transactions of at most {@value
 * #MAX_OPS_PER_TXN} ops and {@value #MAX_BYTES_PER_TXN} bytes (plus the compare), well under etcd's
 * 128 operations and request size limit; each is fenced on its own, so a fence lost midway leaves
 * the earlier topics written and fails the call. Thread-safe and stateless.
 */
public final class StoreGroupRegistry implements GroupRegistry {
  static final int MAX_OPS_PER_TXN = 64;
  static final int MAX_BYTES_PER_TXN = 512 * 1024;

  private final MetadataStore store;
  private final KeyLayout keys;

  public StoreGroupRegistry(MetadataStore store, KeyLayout keys) {
    this.store = store;
    this.keys = keys;
  }

  @Override
  public CompletableFuture<StoredGroup> load(String groupId) {
    String groupKey;
    String offsetsPrefix;
    try {
      groupKey = keys.group(groupId);
      offsetsPrefix = keys.offsetsPrefix(groupId);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<List<KeyValue>> offsets = store.getPrefix(offsetsPrefix);
    return store
        .get(groupKey)
        .thenCombine(
            offsets,
            (group, topics) ->
                new StoredGroup(
                    group.map(kv -> ProtoCodec.decodeGroup(kv.value())), offsetsOf(topics)));
  }

  private Map<PartitionRef, CommittedOffsetRecord> offsetsOf(List<KeyValue> topicKeys) {
    Map<PartitionRef, CommittedOffsetRecord> out = new HashMap<>();
    for (KeyValue kv : topicKeys) {
      String topic = keys.topicOfOffsetsKey(kv.key());
      ProtoCodec.decodeTopicOffsets(kv.value())
          .forEach((partition, offset) -> out.put(new PartitionRef(topic, partition), offset));
    }
    return out;
  }

  @Override
  public CompletableFuture<List<String>> listGroupIds() {
    // Offsets values are read along with their keys: the store port has no keys-only range read.
    CompletableFuture<List<KeyValue>> offsets = store.getPrefix(keys.offsetsPrefix());
    return store
        .getPrefix(keys.groupsPrefix())
        .thenCombine(
            offsets,
            (groups, topics) -> {
              TreeSet<String> ids = new TreeSet<>();
              groups.forEach(kv -> ids.add(keys.groupIdOfGroupKey(kv.key())));
              topics.forEach(kv -> ids.add(keys.groupIdOfOffsetsKey(kv.key())));
              return List.copyOf(ids);
            });
  }

  @Override
  public CompletableFuture<Void> saveGroup(CoordinatorFence fence, GroupRecord group) {
    List<Op> ops;
    try {
      ops = List.of(Op.put(keys.group(group.groupId()), ProtoCodec.encodeGroup(group)));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return fenced(fence, ops, "save group " + group.groupId());
  }

  @Override
  public CompletableFuture<Void> writeOffsets(
      CoordinatorFence fence,
      String groupId,
      Map<String, Map<Integer, CommittedOffsetRecord>> offsetsByTopic) {
    List<Op> ops = new ArrayList<>(offsetsByTopic.size());
    try {
      for (Map.Entry<String, Map<Integer, CommittedOffsetRecord>> e : offsetsByTopic.entrySet()) {
        String key = keys.offsets(groupId, e.getKey());
        ops.add(
            e.getValue().isEmpty()
                ? Op.delete(key)
                : Op.put(key, ProtoCodec.encodeTopicOffsets(e.getValue())));
      }
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    List<List<Op>> chunks = TxnChunker.chunk(ops, MAX_OPS_PER_TXN, MAX_BYTES_PER_TXN);
    if (chunks.isEmpty()) {
      // Nothing to write, but a deposed coordinator still learns that it is one.
      return fenced(fence, List.of(), "write offsets of group " + groupId);
    }
    return writeChunks(fence, groupId, chunks, 0);
  }

  private CompletableFuture<Void> writeChunks(
      CoordinatorFence fence, String groupId, List<List<Op>> chunks, int i) {
    if (i == chunks.size()) {
      return CompletableFuture.completedFuture(null);
    }
    return fenced(fence, chunks.get(i), "write offsets of group " + groupId)
        .thenCompose(v -> writeChunks(fence, groupId, chunks, i + 1));
  }

  @Override
  public CompletableFuture<Void> deleteGroup(CoordinatorFence fence, String groupId) {
    List<Op> ops;
    try {
      ops = List.of(Op.delete(keys.group(groupId)), Op.deletePrefix(keys.offsetsPrefix(groupId)));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return fenced(fence, ops, "delete group " + groupId);
  }

  /** Runs {@code ops} in one transaction that holds only while {@code fence} does. */
  private CompletableFuture<Void> fenced(CoordinatorFence fence, List<Op> ops, String what) {
    return CoordinatorWrites.fenced(store, keys, fence, ops, what);
  }
}
