/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.StoreMetadata;
import io.kafscale.metadata.model.PartitionRecord;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import io.kafscale.storage.log.FencedException;
import io.kafscale.storage.log.PartitionId;
import io.kafscale.storage.log.RecoveredPartition;
import io.kafscale.storage.log.SegmentRef;
import io.kafscale.storage.producer.ProducerSnapshot;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetadataSegmentCommitterTest {
  private final Metadata metadata =
      StoreMetadata.open(new InMemoryMetadataStore(Clock.systemUTC()));
  private final MetadataSegmentCommitter committer =
      new MetadataSegmentCommitter(metadata.partitions());
  private final SegmentRef segment =
      new SegmentRef(
          "ns/t/0/segment-0-a", "ns/t/0/segment-0-a.index", 0, 100, 0, 9, 1234, 1, 77, 5);
  private final ProducerSnapshot producer =
      new ProducerSnapshot(
          42, (short) 1, List.of(new ProducerSnapshot.BatchEntry(0, 9, 0, 9, 1234)), 99);

  @AfterEach
  void tearDown() {
    metadata.close();
  }

  @Test
  void shouldStoreSegmentAndProducersSoANewOwnerRecoversThem() {
    // Given
    metadata.topics().create("t", 1, Map.of()).join();
    int epoch = metadata.partitions().claim("t", 0, 1).join().leaderEpoch();
    // When
    committer.commit(new PartitionId("t", 0), epoch, segment, List.of(producer)).join();
    PartitionRecord next = metadata.partitions().claim("t", 0, 2).join();
    RecoveredPartition recovered = RecordMapping.toRecovered(next);
    // Then
    assertThat(recovered.highWatermark()).isEqualTo(10);
    assertThat(recovered.segments()).containsExactly(segment);
    assertThat(recovered.producers()).containsExactly(producer);
  }

  @Test
  void shouldReportAMovedEpochAsFenced() {
    // Given
    metadata.topics().create("t", 1, Map.of()).join();
    int epoch = metadata.partitions().claim("t", 0, 1).join().leaderEpoch();
    metadata.partitions().claim("t", 0, 2).join();
    // When / Then
    assertThatThrownBy(
            () -> committer.commit(new PartitionId("t", 0), epoch, segment, List.of()).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(FencedException.class);
  }
}
