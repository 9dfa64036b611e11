/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.storage.batch.BatchHeader;
import io.kafscale.storage.batch.RecordBatchFormat;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;

/** Segments written by compaction: batches keep their offsets and may leave gaps. */
class GappedSegmentTest {

  private static ByteBuffer batchAt(long base, int records) {
    SimpleRecord[] r = new SimpleRecord[records];
    for (int i = 0; i < records; i++) {
      r[i] = new SimpleRecord(10L + i, ("k" + i).getBytes(), "v".getBytes());
    }
    ByteBuffer b = MemoryRecords.withRecords(Compression.NONE, r).buffer();
    RecordBatchFormat.setBaseOffset(b, base);
    return b;
  }

  @Test
  void shouldRoundTripBatchesWithGapsAndTheCoveredRange() {
    // Given batches at 12-13 and 20 in a segment covering [10, 20]
    EncodedSegment enc =
        SegmentEncoder.encodeWithGaps(List.of(batchAt(12, 2), batchAt(20, 1)), 10, 20, 5, 0);
    // When
    SegmentView view = SegmentReader.parse(enc.segment().duplicate());
    // Then
    assertThat(view.baseOffset()).isEqualTo(10);
    assertThat(view.lastOffset()).isEqualTo(20);
    assertThat(view.recordCount()).isEqualTo(3);
    assertThat(view.batches()).extracting(BatchHeader::baseOffset).containsExactly(12L, 20L);
    assertThat(enc.batchBaseOffsets()).containsExactly(12L, 20L);
    // and a fetch inside a gap starts at the next batch
    assertThat(view.read(15, 1 << 20, true)).hasSize(1);
    assertThat(view.read(10, 1 << 20, true)).hasSize(2);
    assertThat(SegmentIndex.decode(enc.index()).positionFor(15))
        .isEqualTo(SegmentIndex.decode(enc.index()).entries().getFirst().position());
  }

  @Test
  void shouldRejectOverlappingOrOutOfRangeBatches() {
    assertThatThrownBy(
            () ->
                SegmentEncoder.encodeWithGaps(
                    List.of(batchAt(12, 2), batchAt(13, 1)), 10, 20, 5, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SegmentEncoder.encodeWithGaps(List.of(batchAt(12, 2)), 10, 12, 5, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldStillRequireDenseOffsetsInSegmentsWithoutTheGapFlag() {
    // Given a gapped segment whose flag is cleared
    EncodedSegment enc =
        SegmentEncoder.encodeWithGaps(List.of(batchAt(12, 2), batchAt(20, 1)), 10, 20, 5, 0);
    ByteBuffer bytes = enc.segment().duplicate();
    bytes.putShort(SegmentFormat.HEADER_FLAGS_OFFSET, (short) 0);
    // When / Then
    assertThatThrownBy(() -> SegmentReader.parse(bytes))
        .isInstanceOf(CorruptSegmentException.class);
  }
}
