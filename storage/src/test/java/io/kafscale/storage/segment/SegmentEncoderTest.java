/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.segment;

import static io.kafscale.storage.batch.TestBatches.batch;
import static io.kafscale.storage.batch.TestBatches.copy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.storage.batch.TestBatches;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.junit.jupiter.api.Test;

class SegmentEncoderTest {

  private static final long CREATED = 1_760_000_000_123L;

  private final List<ByteBuffer> batches =
      List.of(batch("none", 1, 10, 1), batch("gzip", 3, 50, 2), batch("zstd", 10, 5, 3));

  @Test
  void shouldAssignDenseOffsetsBatchByBatchStartingAtTheBaseOffset() {
    // When
    EncodedSegment encoded = SegmentEncoder.encode(batches, 100, CREATED, 0);

    // Then
    assertThat(encoded.batchBaseOffsets()).containsExactly(100L, 101L, 104L);
    assertThat(encoded.baseOffset()).isEqualTo(100);
    assertThat(encoded.lastOffset()).isEqualTo(113);
    assertThat(encoded.recordCount()).isEqualTo(14);
    List<Long> offsets = new ArrayList<>();
    for (MutableRecordBatch b : kafkaBatches(encoded.segment())) {
      assertThat(b.isValid()).isTrue();
      for (Record r : b) {
        offsets.add(r.offset());
      }
    }
    assertThat(offsets).containsExactlyElementsOf(range(100, 114));
  }

  @Test
  void shouldCopyBatchesVerbatimExceptTheBaseOffsetAndLeaveTheInputsUntouched() {
    // Given read-only inputs with non-zero positions
    List<ByteBuffer> inputs = new ArrayList<>();
    List<ByteBuffer> originals = new ArrayList<>();
    for (ByteBuffer b : batches) {
      ByteBuffer padded = ByteBuffer.allocate(b.remaining() + 7);
      padded.position(7);
      padded.put(b.duplicate()).position(7);
      inputs.add(padded.asReadOnlyBuffer());
      originals.add(copy(b));
    }

    // When
    EncodedSegment encoded = SegmentEncoder.encode(inputs, 5, CREATED, 0);

    // Then
    ByteBuffer seg = encoded.segment();
    int at = SegmentFormat.HEADER_SIZE;
    for (int i = 0; i < inputs.size(); i++) {
      ByteBuffer original = originals.get(i);
      int size = original.remaining();
      assertThat(seg.slice(at + 8, size - 8)).isEqualTo(original.slice(8, size - 8));
      assertThat(seg.getLong(at)).isEqualTo(encoded.batchBaseOffsets()[i]);
      assertThat(inputs.get(i).position()).isEqualTo(7);
      assertThat(inputs.get(i)).isEqualTo(original);
      at += size;
    }
  }

  @Test
  void shouldWriteTheKafscaleHeaderAndFooterLayout() {
    // When
    EncodedSegment encoded = SegmentEncoder.encode(batches, 100, CREATED, 0);

    // Then
    ByteBuffer seg = encoded.segment();
    int body = batches.stream().mapToInt(ByteBuffer::remaining).sum();
    assertThat(seg.position()).isZero();
    assertThat(seg.remaining()).isEqualTo(seg.capacity()).isEqualTo(32 + body + 16);
    assertThat(ascii(seg, 0, 4)).isEqualTo("KAFS");
    assertThat(seg.getShort(4)).isEqualTo((short) 1);
    assertThat(seg.getShort(6)).isZero();
    assertThat(seg.getLong(8)).isEqualTo(100);
    assertThat(seg.getInt(16)).isEqualTo(14);
    assertThat(seg.getLong(20)).isEqualTo(CREATED);
    assertThat(seg.getInt(28)).isZero();
    int footer = 32 + body;
    CRC32C crc = new CRC32C();
    crc.update(seg.slice(32, body));
    assertThat(seg.getInt(footer)).isEqualTo((int) crc.getValue()).isEqualTo(encoded.crc());
    assertThat(seg.getLong(footer + 4)).isEqualTo(113);
    assertThat(ascii(seg, footer + 12, 4)).isEqualTo("END!");
  }

  @Test
  void shouldReportTheLargestBatchMaxTimestamp() {
    // When
    EncodedSegment encoded = SegmentEncoder.encode(batches, 0, CREATED, 0);

    // Then
    long expected = 0;
    for (MutableRecordBatch b : kafkaBatches(encoded.segment())) {
      expected = Math.max(expected, b.maxTimestamp());
    }
    assertThat(encoded.maxTimestamp()).isEqualTo(expected).isPositive();
  }

  @Test
  void shouldIndexTheFirstBatchAndThenEveryIntervalOfBytes() {
    // Given three batches and an interval that the first two batches together reach
    int first = batches.get(0).remaining();
    int second = batches.get(1).remaining();

    // When
    EncodedSegment everyBatch = SegmentEncoder.encode(batches, 10, CREATED, 0);
    EncodedSegment sparse = SegmentEncoder.encode(batches, 10, CREATED, first + second);
    EncodedSegment onlyFirst = SegmentEncoder.encode(batches, 10, CREATED, Integer.MAX_VALUE);

    // Then
    assertThat(SegmentIndex.decode(everyBatch.index()).entries())
        .containsExactly(
            new SegmentIndex.Entry(10, 32),
            new SegmentIndex.Entry(11, 32 + first),
            new SegmentIndex.Entry(14, 32 + first + second));
    assertThat(SegmentIndex.decode(sparse.index()).entries())
        .containsExactly(
            new SegmentIndex.Entry(10, 32), new SegmentIndex.Entry(14, 32 + first + second));
    assertThat(SegmentIndex.decode(onlyFirst.index()).entries())
        .containsExactly(new SegmentIndex.Entry(10, 32));
    ByteBuffer index = sparse.index();
    assertThat(ascii(index, 0, 3)).isEqualTo("IDX");
    assertThat(index.get(3)).isZero();
    assertThat(index.getShort(4)).isEqualTo((short) 1);
    assertThat(index.getInt(6)).isEqualTo(2);
    assertThat(index.getInt(10)).isEqualTo(first + second);
    assertThat(index.remaining()).isEqualTo(16 + 2 * 12);
  }

  @Test
  void shouldRejectAnEmptyBatchList() {
    assertThatThrownBy(() -> SegmentEncoder.encode(List.of(), 0, CREATED, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectABufferThatIsNotExactlyOneBatch() {
    // Given
    ByteBuffer two = TestBatches.concat(batches.subList(0, 2));

    // When / Then
    assertThatThrownBy(() -> SegmentEncoder.encode(List.of(two), 0, CREATED, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not exactly one batch");
  }

  static Iterable<MutableRecordBatch> kafkaBatches(ByteBuffer segment) {
    int bodySize = segment.remaining() - SegmentFormat.HEADER_SIZE - SegmentFormat.FOOTER_SIZE;
    return MemoryRecords.readableRecords(segment.slice(SegmentFormat.HEADER_SIZE, bodySize))
        .batches();
  }

  private static List<Long> range(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long i = from; i < to; i++) {
      out.add(i);
    }
    return out;
  }

  private static String ascii(ByteBuffer buf, int at, int length) {
    byte[] bytes = new byte[length];
    buf.get(at, bytes);
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
