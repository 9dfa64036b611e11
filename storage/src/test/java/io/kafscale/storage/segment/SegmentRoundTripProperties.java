/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.storage.batch.BatchHeader;
import io.kafscale.storage.batch.TestBatches;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;

/** Invariants of encode → parse over random real batches of every codec. */
class SegmentRoundTripProperties {

  /** What to build one random batch from. */
  record BatchSpec(String codec, int records, int valueBytes, long seed) {
    ByteBuffer build() {
      return TestBatches.batch(codec, records, valueBytes, seed);
    }
  }

  @Property(tries = 150)
  void encodedSegmentsParseBackToTheSameBatchesWithDenseOffsets(
      @ForAll("batchLists") List<BatchSpec> specs,
      @ForAll @LongRange(min = 0, max = 1L << 50) long baseOffset,
      @ForAll @IntRange(min = 0, max = 5000) int interval) {
    // Given
    List<ByteBuffer> inputs = specs.stream().map(BatchSpec::build).toList();

    // When
    EncodedSegment encoded = SegmentEncoder.encode(inputs, baseOffset, 1L, interval);
    SegmentView view = SegmentReader.parse(encoded.segment());
    SegmentView trusted = SegmentReader.parseEncoded(encoded.segment());

    // Then the view without the CRC pass is the same
    assertThat(trusted.batches()).isEqualTo(view.batches());
    assertThat(trusted.crc()).isEqualTo(view.crc());
    assertThat(trusted.lastOffset()).isEqualTo(view.lastOffset());
    // and the bytes are the same except the base offsets
    List<BatchHeader> batches = view.batches();
    assertThat(batches).hasSize(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      ByteBuffer in = inputs.get(i);
      ByteBuffer out = view.batch(i);
      assertThat(out.slice(8, out.remaining() - 8)).isEqualTo(in.slice(8, in.remaining() - 8));
      assertThat(batches.get(i).baseOffset()).isEqualTo(encoded.batchBaseOffsets()[i]);
    }
    // offsets dense and monotonic, per batch and per record (as Kafka's parser sees them)
    long expected = baseOffset;
    for (MutableRecordBatch b : SegmentEncoderTest.kafkaBatches(encoded.segment())) {
      assertThat(b.isValid()).isTrue();
      for (Record r : b) {
        assertThat(r.offset()).isEqualTo(expected++);
      }
    }
    int total = specs.stream().mapToInt(BatchSpec::records).sum();
    assertThat(expected).isEqualTo(baseOffset + total);
    assertThat(view.baseOffset()).isEqualTo(baseOffset);
    assertThat(view.lastOffset()).isEqualTo(encoded.lastOffset()).isEqualTo(expected - 1);
    assertThat(view.recordCount()).isEqualTo(encoded.recordCount()).isEqualTo(total);
    // CRC verified independently
    ByteBuffer seg = encoded.segment();
    CRC32C crc = new CRC32C();
    crc.update(seg.slice(32, seg.remaining() - 48));
    assertThat(view.crc()).isEqualTo((int) crc.getValue()).isEqualTo(encoded.crc());
    // index entries point at batch starts, sorted, and follow the byte interval
    checkIndex(SegmentIndex.decode(encoded.index()), batches, interval);
  }

  @Property(tries = 100)
  void readReturnsWholeBatchesStartingWithTheOneContainingTheOffset(
      @ForAll("batchLists") List<BatchSpec> specs,
      @ForAll @IntRange(min = 0, max = 400) int offsetDelta,
      @ForAll @IntRange(min = 0, max = 20_000) int maxBytes,
      @ForAll boolean minOneBatch) {
    // Given
    List<ByteBuffer> inputs = specs.stream().map(BatchSpec::build).toList();
    SegmentView view = SegmentReader.parse(SegmentEncoder.encode(inputs, 1000, 1L, 512).segment());
    long fetchOffset = 1000 + offsetDelta;

    // When
    List<ByteBuffer> read = view.read(fetchOffset, maxBytes, minOneBatch);

    // Then
    int total = read.stream().mapToInt(ByteBuffer::remaining).sum();
    if (fetchOffset > view.lastOffset()) {
      assertThat(read).isEmpty();
      return;
    }
    int first = 0;
    while (view.batches().get(first).lastOffset() < fetchOffset) {
      first++;
    }
    BatchHeader containing = view.batches().get(first);
    assertThat(containing.baseOffset()).isLessThanOrEqualTo(fetchOffset);
    if (read.isEmpty()) {
      assertThat(minOneBatch).isFalse();
      assertThat(containing.sizeInBytes()).isGreaterThan(maxBytes);
      return;
    }
    for (int i = 0; i < read.size(); i++) {
      assertThat(read.get(i)).isEqualTo(view.batch(first + i));
    }
    assertThat(total <= maxBytes || (read.size() == 1 && minOneBatch)).isTrue();
    int next = first + read.size();
    if (next < view.batches().size()) {
      assertThat(total + view.batches().get(next).sizeInBytes()).isGreaterThan(maxBytes);
    }
  }

  @Property(tries = 60)
  void corruptingOneByteNeverYieldsAnythingButACleanRejectionOrTheSameBatches(
      @ForAll("batchLists") List<BatchSpec> specs,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int where,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    // Given
    List<ByteBuffer> inputs = specs.stream().map(BatchSpec::build).toList();
    ByteBuffer seg = TestBatches.copy(SegmentEncoder.encode(inputs, 0, 1L, 0).segment());
    int at = where % seg.remaining();
    seg.put(at, (byte) (seg.get(at) ^ xor));

    // When / Then only the unprotected created-at, flags and reserved fields may change silently
    boolean unprotected = (at >= 6 && at < 8) || (at >= 20 && at < 32);
    if (unprotected) {
      assertThat(SegmentReader.parse(seg).batches()).hasSize(inputs.size());
    } else {
      assertThatThrownBy(() -> SegmentReader.parse(seg))
          .isInstanceOf(CorruptSegmentException.class);
    }
  }

  private static void checkIndex(SegmentIndex index, List<BatchHeader> batches, int interval) {
    Map<Integer, BatchHeader> byPosition = new HashMap<>();
    batches.forEach(b -> byPosition.put(b.position(), b));
    List<SegmentIndex.Entry> entries = index.entries();
    assertThat(entries.get(0)).isEqualTo(new SegmentIndex.Entry(batches.get(0).baseOffset(), 32));
    List<Integer> positions = new ArrayList<>();
    for (SegmentIndex.Entry e : entries) {
      assertThat(byPosition).containsKey(e.position());
      assertThat(byPosition.get(e.position()).baseOffset()).isEqualTo(e.offset());
      positions.add(e.position());
    }
    assertThat(positions).isSorted().doesNotHaveDuplicates();
    int last = -1;
    for (BatchHeader b : batches) {
      boolean indexed = positions.contains(b.position());
      assertThat(indexed).isEqualTo(last < 0 || b.position() - last >= interval);
      if (indexed) {
        last = b.position();
      }
    }
    for (BatchHeader b : batches) {
      assertThat(index.positionFor(b.baseOffset())).isLessThanOrEqualTo(b.position());
    }
  }

  @Provide
  Arbitrary<List<BatchSpec>> batchLists() {
    Arbitrary<BatchSpec> spec =
        Combinators.combine(
                Arbitraries.of(TestBatches.CODECS),
                Arbitraries.integers().between(1, 30),
                Arbitraries.integers().between(0, 300),
                Arbitraries.longs())
            .as(BatchSpec::new);
    return spec.list().ofMinSize(1).ofMaxSize(12);
  }
}
