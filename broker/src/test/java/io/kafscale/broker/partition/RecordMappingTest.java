/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.log.SegmentRef;
import io.kafscale.storage.producer.ProducerSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordMappingTest {

  @Test
  void shouldRoundTripSegmentReferencesFieldForField() {
    // Given
    SegmentRef ref =
        SegmentRef.flushed(
            "ns/t/0/segment-x.kfs", "ns/t/0/segment-x.index", 0, 4096, 10, 99, 1234, 3, 77, 555);
    // When
    SegmentRef back = RecordMapping.toRef(RecordMapping.toRecord(ref));
    // Then
    assertThat(back).isEqualTo(ref);
  }

  @Test
  void shouldRoundTripTheEpochStartsOfACompactedSegment() {
    // Given a compacted segment spanning epochs 3 and 5
    SegmentRef ref =
        new SegmentRef(
            "ns/t/0/segment-c.kfs",
            null,
            0,
            4096,
            10,
            99,
            1234,
            5,
            77,
            555,
            true,
            List.of(new SegmentRef.EpochStart(3, 10), new SegmentRef.EpochStart(5, 40)),
            List.of());
    // When
    SegmentRef back = RecordMapping.toRef(RecordMapping.toRecord(ref));
    // Then
    assertThat(back).isEqualTo(ref);
    assertThat(back.epochStarts()).hasSize(2);
  }

  @Test
  void shouldRoundTripProducerSnapshotsWithTheirLastBatches() {
    // Given
    ProducerSnapshot snapshot =
        new ProducerSnapshot(
            42,
            (short) 2,
            List.of(
                new ProducerSnapshot.BatchEntry(0, 4, 100, 104, 1_000),
                new ProducerSnapshot.BatchEntry(5, 9, 105, 109, 2_000)),
            3_000,
            ProducerSnapshot.NO_TXN);
    // When
    ProducerSnapshot back = RecordMapping.toSnapshot(RecordMapping.toRecord(snapshot));
    // Then
    assertThat(back).isEqualTo(snapshot);
  }
}
