/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.segment;

import static io.kafscale.storage.batch.TestBatches.batch;
import static io.kafscale.storage.batch.TestBatches.copy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.storage.batch.BatchHeader;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentReaderTest {

  private static final long CREATED = 1_760_000_000_123L;

  // Offsets: batch 0 = [50], batch 1 = [51..53], batch 2 = [54..63], batch 3 = [64..65]
  private final List<ByteBuffer> batches =
      List.of(
          batch("none", 1, 10, 1),
          batch("gzip", 3, 50, 2),
          batch("none", 10, 100, 3),
          batch("lz4", 2, 5, 4));
  private final EncodedSegment encoded = SegmentEncoder.encode(batches, 50, CREATED, 0);
  private final SegmentView view = SegmentReader.parse(encoded.segment());

  @Test
  void shouldParseTheSummaryAndBatchPositionsRelativeToTheSegmentStart() {
    // Then
    assertThat(view.baseOffset()).isEqualTo(50);
    assertThat(view.lastOffset()).isEqualTo(65);
    assertThat(view.recordCount()).isEqualTo(16);
    assertThat(view.createdAtMs()).isEqualTo(CREATED);
    assertThat(view.crc()).isEqualTo(encoded.crc());
    assertThat(view.maxTimestamp()).isEqualTo(encoded.maxTimestamp());
    assertThat(view.sizeInBytes()).isEqualTo(encoded.segment().remaining());
    assertThat(view.batches())
        .extracting(BatchHeader::baseOffset)
        .containsExactly(50L, 51L, 54L, 64L);
    assertThat(view.batches().get(0).position()).isEqualTo(SegmentFormat.HEADER_SIZE);
    for (int i = 0; i < batches.size(); i++) {
      ByteBuffer b = view.batch(i);
      assertThat(b.isReadOnly()).isTrue();
      assertThat(b.remaining()).isEqualTo(batches.get(i).remaining());
      assertThat(b.getLong(0)).isEqualTo(encoded.batchBaseOffsets()[i]);
    }
  }

  @Test
  void shouldParseASegmentEmbeddedAtANonZeroPosition() {
    // Given
    ByteBuffer seg = encoded.segment();
    ByteBuffer padded = ByteBuffer.allocate(seg.remaining() + 9);
    padded.position(4);
    padded.put(seg.duplicate()).position(4).limit(4 + seg.remaining());

    // When
    SegmentView embedded = SegmentReader.parse(padded);

    // Then
    assertThat(embedded.batches()).isEqualTo(view.batches());
    assertThat(padded.position()).isEqualTo(4);
  }

  @Test
  void shouldStartWithTheWholeBatchContainingAnOffsetInItsMiddle() {
    // When
    List<ByteBuffer> read = view.read(57, Integer.MAX_VALUE, true);

    // Then
    assertThat(read).containsExactly(view.batch(2), view.batch(3));
  }

  @Test
  void shouldReturnTheLastBatchWhenFetchingTheLastOffset() {
    assertThat(view.read(65, Integer.MAX_VALUE, true)).containsExactly(view.batch(3));
  }

  @Test
  void shouldReturnNothingBeyondTheLastOffset() {
    assertThat(view.read(66, Integer.MAX_VALUE, true)).isEmpty();
  }

  @Test
  void shouldStartAtTheFirstBatchWhenFetchingBelowTheBaseOffset() {
    assertThat(view.read(0, Integer.MAX_VALUE, true)).hasSize(4).first().isEqualTo(view.batch(0));
  }

  @Test
  void shouldStopBeforeTheBatchThatWouldExceedMaxBytes() {
    // Given room for batches 0 and 1 and a little of batch 2
    int size0 = view.batches().get(0).sizeInBytes();
    int size1 = view.batches().get(1).sizeInBytes();

    // When
    List<ByteBuffer> exact = view.read(50, size0 + size1, false);
    List<ByteBuffer> bitMore = view.read(50, size0 + size1 + 10, true);

    // Then
    assertThat(exact).containsExactly(view.batch(0), view.batch(1));
    assertThat(bitMore).containsExactly(view.batch(0), view.batch(1));
  }

  @Test
  void shouldReturnTheFirstBatchEvenIfLargerThanMaxBytesOnlyWhenMinOneBatch() {
    // When
    List<ByteBuffer> withMinOne = view.read(54, 1, true);
    List<ByteBuffer> without = view.read(54, 1, false);

    // Then
    assertThat(withMinOne).containsExactly(view.batch(2));
    assertThat(without).isEmpty();
  }

  @Test
  void shouldScanOnlyWholeBatchesOfARangeStartingAtAnIndexPosition() {
    // Given a ranged GET from batch 1 to the middle of batch 3
    SegmentIndex index = SegmentIndex.decode(encoded.index());
    int from = index.positionFor(52);
    int to = view.batches().get(3).position() + 30;
    ByteBuffer range = copy(encoded.segment().slice(from, to - from));

    // When
    List<BatchHeader> headers = SegmentReader.scanBatches(range, from);

    // Then
    assertThat(from).isEqualTo(view.batches().get(1).position());
    assertThat(headers).isEqualTo(view.batches().subList(1, 3));
  }

  @Test
  void shouldIgnoreTheFooterWhenARangeRunsToTheEndOfTheObject() {
    // Given
    ByteBuffer seg = encoded.segment();
    int from = view.batches().get(2).position();
    ByteBuffer range = seg.slice(from, seg.remaining() - from);

    // When
    List<BatchHeader> headers = SegmentReader.scanBatches(range, from);

    // Then
    assertThat(headers).isEqualTo(view.batches().subList(2, 4));
    assertThat(SegmentReader.selectBatches(headers, 60, 1, true)).containsExactly(headers.get(0));
  }

  @Test
  void shouldRejectAnyCorruptedByteOfTheBody() {
    // Given a small segment
    EncodedSegment small =
        SegmentEncoder.encode(List.of(batch("none", 2, 5, 1), batch("snappy", 3, 5, 2)), 0, 0, 0);
    int bodyEnd = small.segment().remaining() - SegmentFormat.FOOTER_SIZE;

    for (int i = SegmentFormat.HEADER_SIZE; i < bodyEnd; i++) {
      // When
      ByteBuffer corrupted = copy(small.segment());
      corrupted.put(i, (byte) ~corrupted.get(i));

      // Then
      assertThatThrownBy(() -> SegmentReader.parse(corrupted))
          .as("byte %d", i)
          .isInstanceOf(CorruptSegmentException.class)
          .hasMessageContaining("CRC");
    }
  }

  @Test
  void shouldRejectABadHeaderMagic() {
    assertCorrupt(patchInt(0, 0x4B414654), "magic");
  }

  @Test
  void shouldRejectAnUnknownVersion() {
    ByteBuffer seg = copy(encoded.segment());
    seg.putShort(4, (short) 2);
    assertCorrupt(seg, "version");
  }

  @Test
  void shouldRejectABadFooterMagic() {
    assertCorrupt(patchInt(encoded.segment().remaining() - 4, 0x454E4400), "footer magic");
  }

  @Test
  void shouldRejectAFooterCrcThatDoesNotMatchTheBody() {
    assertCorrupt(patchInt(encoded.segment().remaining() - 16, encoded.crc() + 1), "CRC");
  }

  @Test
  void shouldCheckEverythingButTheCrcOfJustEncodedBytes() {
    // The footer CRC is not recomputed: the encoder computed it from these bytes
    ByteBuffer badCrc = patchInt(encoded.segment().remaining() - 16, encoded.crc() + 1);
    assertThat(SegmentReader.parseEncoded(badCrc).batches())
        .isEqualTo(SegmentReader.parse(encoded.segment()).batches());
    // The structure still is
    ByteBuffer badCount = patchInt(16, 17);
    assertThatThrownBy(() -> SegmentReader.parseEncoded(badCount))
        .isInstanceOf(CorruptSegmentException.class)
        .hasMessageContaining("record count");
  }

  @Test
  void shouldRejectAHeaderRecordCountThatDisagreesWithTheBatches() {
    assertCorrupt(patchInt(16, 17), "record count");
  }

  @Test
  void shouldRejectAHeaderBaseOffsetThatDisagreesWithTheFirstBatch() {
    ByteBuffer seg = copy(encoded.segment());
    seg.putLong(8, 49);
    assertCorrupt(seg, "base offset");
  }

  @Test
  void shouldRejectAFooterLastOffsetThatDisagreesWithTheBatches() {
    ByteBuffer seg = copy(encoded.segment());
    seg.putLong(seg.remaining() - 12, 66);
    assertCorrupt(seg, "last offset");
  }

  @Test
  void shouldRejectATruncatedSegment() {
    ByteBuffer seg = copy(encoded.segment());
    assertCorrupt(seg.limit(seg.limit() - 1), "");
    assertCorrupt(ByteBuffer.allocate(40), "below header");
  }

  private ByteBuffer patchInt(int at, int value) {
    ByteBuffer seg = copy(encoded.segment());
    seg.putInt(at, value);
    return seg;
  }

  private static void assertCorrupt(ByteBuffer segment, String messagePart) {
    assertThatThrownBy(() -> SegmentReader.parse(segment))
        .isInstanceOf(CorruptSegmentException.class)
        .hasMessageContaining(messagePart);
  }
}
