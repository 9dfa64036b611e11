/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordBatchesTest {

  private static Compression compression(String name) {
    return switch (name) {
      case "gzip" -> Compression.gzip().build();
      case "lz4" -> Compression.lz4().build();
      case "zstd" -> Compression.zstd().build();
      case "snappy" -> Compression.snappy().build();
      default -> Compression.NONE;
    };
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"none", "gzip", "lz4", "zstd", "snappy"})
  void shouldFindFirstRecordAtOrAfterTimestampInsideBatch(String codec) {
    // Given: offsets 100, 101, 102 at timestamps 1000, 2000, 3000
    ByteBuffer batch =
        RecordsRoundTripTest.batch(100, compression(codec), 1000, 2000, 3000).buffer();
    // When / Then
    assertThat(RecordBatches.firstOffsetAtOrAfter(batch, 0))
        .contains(new TimestampedOffset(100, 1000));
    assertThat(RecordBatches.firstOffsetAtOrAfter(batch, 1500))
        .contains(new TimestampedOffset(101, 2000));
    assertThat(RecordBatches.firstOffsetAtOrAfter(batch, 3000))
        .contains(new TimestampedOffset(102, 3000));
    assertThat(RecordBatches.firstOffsetAtOrAfter(batch, 3001)).isEmpty();
    assertThat(batch.position()).isZero();
  }

  @Test
  void shouldFindRecordWithMaxTimestamp() {
    // Given: the largest timestamp is in the middle
    ByteBuffer batch =
        RecordsRoundTripTest.batch(10, Compression.gzip().build(), 1000, 5000, 3000).buffer();
    // When / Then
    assertThat(RecordBatches.maxTimestampRecord(batch)).contains(new TimestampedOffset(11, 5000));
  }

  @Test
  void shouldReportFetchRecordsSizeAsSumOfBatches() {
    // Given
    ByteBuffer a = ByteBuffer.allocate(10);
    ByteBuffer b = ByteBuffer.allocate(20).position(5);
    // When / Then
    assertThat(RecordBatches.fetchRecords(List.of(a, b)).sizeInBytes()).isEqualTo(25);
    assertThat(RecordBatches.empty().sizeInBytes()).isZero();
    assertThat(RecordBatches.produceRecords(null).remaining()).isZero();
  }
}
