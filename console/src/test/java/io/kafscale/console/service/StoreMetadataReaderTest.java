/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import io.kafscale.metadata.testing.ForwardingMetadataStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoreMetadataReaderTest {
  private static final KeyLayout KEYS = KeyLayout.defaults();

  private static byte[] segment(int length) {
    return ProtoCodec.encodeSegment(
        new SegmentRecord("k", null, 0, length, 0, 9, 1, 1, 0, 0, false, List.of(), List.of()));
  }

  @Test
  void shouldSumSegmentBytesOfEveryPartitionInOneRangeRead() {
    // Given two partitions with segments, a partition state key and a longer-named topic
    InMemoryMetadataStore memory = new InMemoryMetadataStore();
    memory
        .txn(
            Txn.builder()
                .then(Op.put(KEYS.segment("t", 0, 0), segment(100)))
                .then(Op.put(KEYS.segment("t", 0, 10), segment(50)))
                .then(Op.put(KEYS.segment("t", 1, 0), segment(7)))
                .then(Op.put(KEYS.partitionState("t", 1), new byte[] {1}))
                .then(Op.put(KEYS.segment("t2", 0, 0), segment(1000)))
                .build())
        .join();
    AtomicInteger reads = new AtomicInteger();
    MetadataStore counting =
        new ForwardingMetadataStore(memory) {
          @Override
          public CompletableFuture<List<KeyValue>> getPrefix(String prefix) {
            reads.incrementAndGet();
            return super.getPrefix(prefix);
          }
        };

    // When
    Map<Integer, Long> bytes =
        new StoreMetadataReader(counting, KEYS, Duration.ofSeconds(1)).segmentBytes("t");

    // Then
    assertThat(bytes).containsExactlyInAnyOrderEntriesOf(Map.of(0, 150L, 1, 7L));
    assertThat(reads).hasValue(1);
  }
}
