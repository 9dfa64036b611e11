/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.StoreMetadata;
import io.kafscale.metadata.model.PartitionRecord;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.store.embedded.EmbeddedMetadataStore;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registries over the embedded store keep their promises across restarts. */
class EmbeddedStoreMetadataTest {
  @TempDir Path dir;

  @Test
  void shouldNeverReuseProducerIdsAcrossReopen() {
    // Given
    Set<Long> ids = new HashSet<>();
    for (int run = 0; run < 3; run++) {
      try (Metadata m = StoreMetadata.open(EmbeddedMetadataStore.open(dir))) {
        // When
        for (int i = 0; i < 5; i++) {
          // Then
          assertThat(ids.add(m.producerIds().nextProducerId().join())).isTrue();
        }
      }
    }
    assertThat(ids).hasSize(15);
  }

  @Test
  void shouldKeepClusterIdTopicsAndCommittedSegmentsAcrossReopen() {
    // Given
    String clusterId;
    SegmentRecord seg = SegmentRecord.flushed("o", "i", 0, 10, 0, 4, 1, 1, 7, 2);
    try (Metadata m = StoreMetadata.open(EmbeddedMetadataStore.open(dir))) {
      clusterId = m.clusterId();
      m.topics().create("orders", 2, Map.of("cleanup.policy", "delete")).join();
      PartitionRecord p =
          m.partitions().claim("orders", 0, RegistryFixture.session(m.store(), 1)).join();
      m.partitions().commitSegment("orders", 0, p.leaderEpoch(), seg, List.of()).join();
    }
    // When
    try (Metadata m = StoreMetadata.open(EmbeddedMetadataStore.open(dir))) {
      PartitionRecord p =
          m.partitions().claim("orders", 0, RegistryFixture.session(m.store(), 1)).join();
      // Then
      assertThat(m.clusterId()).isEqualTo(clusterId);
      assertThat(m.topics().get("orders").join().orElseThrow().configs())
          .containsEntry("cleanup.policy", "delete");
      assertThat(p.segments()).containsExactly(seg);
      assertThat(p.highWatermark()).isEqualTo(5);
      assertThat(p.leaderEpoch()).isEqualTo(2);
    }
  }
}
