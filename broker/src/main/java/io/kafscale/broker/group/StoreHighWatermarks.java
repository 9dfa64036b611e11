/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.TopicRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * High watermarks from the open log when this broker owns the partition (exact, no I/O), else from
 * the partition's state key in the metadata store (the last committed flush of its owner). The
 * store reads of one batch are issued together. Partitions of unknown topics are skipped.
 * Thread-safe.
 */
public final class StoreHighWatermarks implements HighWatermarkSource {
  private final TopicManager topics;
  private final Metadata metadata;

  public StoreHighWatermarks(TopicManager topics, Metadata metadata) {
    this.topics = topics;
    this.metadata = metadata;
  }

  @Override
  public CompletableFuture<Map<PartitionRef, Long>> highWatermarks(Set<PartitionRef> partitions) {
    Map<PartitionRef, Long> result = new ConcurrentHashMap<>();
    List<CompletableFuture<Void>> reads = new ArrayList<>();
    for (PartitionRef p : partitions) {
      Optional<TopicRecord> topic = topics.topic(p.topic());
      if (topic.isEmpty() || p.partition() >= topic.get().partitionCount()) {
        continue;
      }
      var log = topics.log(p.topic(), p.partition());
      if (log.isPresent()) {
        result.put(p, log.get().highWatermark());
        continue;
      }
      reads.add(
          metadata
              .store()
              .get(metadata.keys().partitionState(p.topic(), p.partition()))
              .thenAccept(
                  kv ->
                      kv.ifPresent(
                          v ->
                              result.put(
                                  p, ProtoCodec.decodePartitionState(v.value()).highWatermark()))));
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenApply(v -> Map.copyOf(result));
  }
}
