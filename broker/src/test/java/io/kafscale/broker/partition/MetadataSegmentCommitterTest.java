/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.StoreMetadata;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.PartitionRecord;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import io.kafscale.storage.log.FencedException;
import io.kafscale.storage.log.PartitionId;
import io.kafscale.storage.log.RecoveredPartition;
import io.kafscale.storage.log.SegmentRef;
import io.kafscale.storage.producer.ProducerSnapshot;
import java.time.Clock;
import java.time.Duration;
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
      SegmentRef.flushed(
          "ns/t/0/segment-0-a", "ns/t/0/segment-0-a.index", 0, 100, 0, 9, 1234, 1, 77, 5);
  private final ProducerSnapshot producer =
      new ProducerSnapshot(
          42,
          (short) 1,
          List.of(new ProducerSnapshot.BatchEntry(0, 9, 0, 9, 1234)),
          99,
          ProducerSnapshot.NO_TXN);

  /** A session of broker 1; a new incarnation of the same broker may take its partitions over. */
  private BrokerSession session(String incarnation) {
    return new BrokerSession(
        1, incarnation, metadata.store().grantLease(Duration.ofSeconds(30)).join());
  }

  @AfterEach
  void tearDown() {
    metadata.close();
  }

  @Test
  void shouldStoreSegmentAndProducersSoANewOwnerRecoversThem() {
    // Given
    metadata.topics().create("t", 1, Map.of()).join();
    int epoch = metadata.partitions().claim("t", 0, session("first")).join().leaderEpoch();
    // When
    committer.commit(new PartitionId("t", 0), epoch, segment, List.of(producer)).join();
    PartitionRecord next = metadata.partitions().claim("t", 0, session("restarted")).join();
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
    int epoch = metadata.partitions().claim("t", 0, session("first")).join().leaderEpoch();
    metadata.partitions().claim("t", 0, session("restarted")).join();
    // When / Then
    assertThatThrownBy(
            () -> committer.commit(new PartitionId("t", 0), epoch, segment, List.of()).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(FencedException.class);
  }

  @Test
  void shouldSwapCompactedSegmentsInSoANewOwnerRecoversThem() {
    // Given two flushed segments
    metadata.topics().create("t", 1, Map.of()).join();
    PartitionId tp = new PartitionId("t", 0);
    int epoch = metadata.partitions().claim("t", 0, session("first")).join().leaderEpoch();
    SegmentRef second =
        SegmentRef.flushed("ns/t/0/segment-10-a", null, 0, 100, 10, 19, 1300, 1, 78, 6);
    committer.commit(tp, epoch, segment, List.of()).join();
    committer.commit(tp, epoch, second, List.of()).join();
    SegmentRef compacted =
        new SegmentRef(
            "ns/t/0/segment-0-c",
            null,
            0,
            60,
            0,
            19,
            1300,
            epoch,
            79,
            7,
            true,
            List.of(),
            List.of());
    // When
    committer.replace(tp, epoch, List.of(segment, second), List.of(compacted)).join();
    RecoveredPartition recovered =
        RecordMapping.toRecovered(metadata.partitions().claim("t", 0, session("restarted")).join());
    // Then the compacted flag survives and offsets are unchanged
    assertThat(recovered.segments()).containsExactly(compacted);
    assertThat(recovered.highWatermark()).isEqualTo(20);
  }

  @Test
  void shouldReportAReplaceUnderAMovedEpochAsFenced() {
    // Given
    metadata.topics().create("t", 1, Map.of()).join();
    PartitionId tp = new PartitionId("t", 0);
    int epoch = metadata.partitions().claim("t", 0, session("first")).join().leaderEpoch();
    committer.commit(tp, epoch, segment, List.of()).join();
    metadata.partitions().claim("t", 0, session("restarted")).join();
    SegmentRef compacted =
        new SegmentRef(
            "ns/t/0/segment-0-c",
            null,
            0,
            60,
            0,
            9,
            1234,
            epoch,
            79,
            7,
            true,
            List.of(),
            List.of());
    // When / Then
    assertThatThrownBy(
            () -> committer.replace(tp, epoch, List.of(segment), List.of(compacted)).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(FencedException.class);
  }
}
