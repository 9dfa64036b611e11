/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static io.kafscale.metadata.registry.store.RegistryFixture.failureOf;
import static io.kafscale.metadata.registry.store.RegistryFixture.join;
import static io.kafscale.metadata.registry.store.RegistryFixture.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.StoreMetadata;
import io.kafscale.metadata.codec.CorruptValueException;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.registry.SegmentReferences;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SegmentReferences} over the in-memory store. */
class SegmentReferencesTest {
  private final ManualClock clock = new ManualClock();
  private final InMemoryMetadataStore store = new InMemoryMetadataStore(clock);
  private final KeyLayout keys = KeyLayout.defaults();
  private final Metadata metadata = StoreMetadata.open(store, keys, clock);
  private final SegmentReferences references = new SegmentReferences(store, keys);

  @AfterEach
  void close() {
    metadata.close();
  }

  private static SegmentRecord segment(String topic, long base, String index, int epoch) {
    return SegmentRecord.flushed(
        "ns/" + topic + "/0/obj-" + base, index, 0, 100, base, base + 9, 0, epoch, 0, 0);
  }

  @Test
  void shouldListSegmentAndIndexObjectsOfEveryTopic() {
    // Given two topics with committed segments, one without an index object
    join(metadata.topics().create("orders", 1, Map.of()));
    join(metadata.topics().create("payments", 1, Map.of()));
    StorePartitionRegistry partitions = new StorePartitionRegistry(store, keys);
    int e1 = join(partitions.claim("orders", 0, session(store, 1))).leaderEpoch();
    int e2 = join(partitions.claim("payments", 0, session(store, 2))).leaderEpoch();
    join(
        partitions.commitSegment(
            "orders", 0, e1, segment("orders", 0, "ns/orders/0/idx-0", e1), List.of()));
    join(partitions.commitSegment("payments", 0, e2, segment("payments", 0, null, e2), List.of()));

    // When
    var keysReferenced = join(references.objectKeys());

    // Then states and producer keys are ignored; only segment references count
    assertThat(keysReferenced)
        .containsExactlyInAnyOrder("ns/orders/0/obj-0", "ns/orders/0/idx-0", "ns/payments/0/obj-0");
  }

  @Test
  void shouldAnswerEmptyWhenNoSegmentIsCommitted() {
    // Given
    join(metadata.topics().create("orders", 3, Map.of()));

    // When / Then
    assertThat(join(references.objectKeys())).isEmpty();
  }

  @Test
  void shouldFailRatherThanSkipAnUndecodableSegmentReference() {
    // Given a corrupt value under a segment key of a topic
    join(metadata.topics().create("orders", 1, Map.of()));
    join(
        store.txn(
            Txn.builder()
                .then(
                    Op.put(
                        keys.segment("orders", 0, 0),
                        "not a protobuf \u00ff".getBytes(StandardCharsets.UTF_8)))
                .build()));

    // When / Then: a garbage collector must not take it for "no reference"
    assertThat(failureOf(references.objectKeys())).isInstanceOf(CorruptValueException.class);
  }

  @Test
  void shouldReadOnePartitionsSegmentReferencesWithoutProducerKeysOrOtherPartitions() {
    // Given two partitions with a segment each
    join(metadata.topics().create("orders", 2, Map.of()));
    StorePartitionRegistry partitions = new StorePartitionRegistry(store, keys);
    int e0 = join(partitions.claim("orders", 0, session(store, 1))).leaderEpoch();
    int e1 = join(partitions.claim("orders", 1, session(store, 1))).leaderEpoch();
    join(
        partitions.commitSegment(
            "orders", 0, e0, segment("orders", 0, "ns/orders/0/idx-0", e0), List.of()));
    join(partitions.commitSegment("orders", 1, e1, segment("orders", 5, null, e1), List.of()));
    // And a producer key, which must not even be read
    join(
        store.txn(
            Txn.builder().then(Op.put(keys.producer("orders", 0, 7), new byte[] {1})).build()));

    // When / Then
    assertThat(join(references.objectKeys("orders", 0)))
        .containsExactlyInAnyOrder("ns/orders/0/obj-0", "ns/orders/0/idx-0");
    assertThat(join(references.objectKeys("orders", 1))).containsExactly("ns/orders/0/obj-5");
    assertThat(join(references.objectKeys("gone", 0))).isEmpty();
  }

  @Test
  void shouldListPartitionCountsAndDeletedTopicNames() {
    // Given a live topic, a deleted one and a re-created one
    join(metadata.topics().create("orders", 3, Map.of()));
    join(metadata.topics().create("dropped", 1, Map.of()));
    join(metadata.topics().create("again", 1, Map.of()));
    join(metadata.topics().delete("dropped"));
    join(metadata.topics().delete("again"));
    join(metadata.topics().create("again", 2, Map.of()));

    // When / Then
    assertThat(join(references.partitionCounts())).isEqualTo(Map.of("orders", 3, "again", 2));
    assertThat(join(references.deletedTopics())).containsExactlyInAnyOrder("dropped", "again");
  }

  @Test
  void shouldFailRatherThanSkipAnUndecodableSegmentReferenceOfOnePartition() {
    // Given
    join(metadata.topics().create("orders", 1, Map.of()));
    join(
        store.txn(
            Txn.builder()
                .then(
                    Op.put(keys.segment("orders", 0, 0), "\u00ff".getBytes(StandardCharsets.UTF_8)))
                .build()));

    // When / Then
    assertThat(failureOf(references.objectKeys("orders", 0)))
        .isInstanceOf(CorruptValueException.class);
  }
}
