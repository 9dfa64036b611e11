/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kafscale.storage.log.StorageException.Reason;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;

/** The validator agrees with Kafka on valid input and fails cleanly on damaged input. */
class BatchValidatorProperties {

  @Property(tries = 100)
  void validBuffersAreAcceptedWithHeadersMatchingKafkasParser(
      @ForAll("batchBuffers") List<ByteBuffer> batches) {
    // Given
    ByteBuffer records = TestBatches.concat(batches);

    // When
    List<BatchHeader> headers = BatchValidator.validate(records, Integer.MAX_VALUE);

    // Then
    Iterator<MutableRecordBatch> kafka =
        MemoryRecords.readableRecords(records.duplicate()).batches().iterator();
    for (BatchHeader h : headers) {
      MutableRecordBatch k = kafka.next();
      assertThat(h.sizeInBytes()).isEqualTo(k.sizeInBytes());
      assertThat(h.lastOffset()).isEqualTo(k.lastOffset());
      assertThat(h.crc()).isEqualTo((int) k.checksum());
      assertThat(h.maxTimestamp()).isEqualTo(k.maxTimestamp());
    }
    assertThat(kafka.hasNext()).isFalse();
    assertThat(BatchValidator.slices(records, headers)).containsExactlyElementsOf(batches);
  }

  @Property(tries = 100)
  void aDamagedByteIsRejectedCleanlyUnlessItIsOutsideTheCrc(
      @ForAll("batchBuffers") List<ByteBuffer> batches,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int where,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    // Given
    ByteBuffer records = TestBatches.concat(batches);
    int at = where % records.remaining();
    records.put(at, (byte) (records.get(at) ^ xor));

    // When
    Throwable thrown = catchThrowable(() -> BatchValidator.validate(records, Integer.MAX_VALUE));

    // Then only base offset and partition leader epoch are outside the CRC
    if (inUnprotectedField(batches, at)) {
      assertThat(thrown).isNull();
    } else {
      assertThat(thrown).isInstanceOf(BatchValidationException.class);
    }
  }

  @Property(tries = 100)
  void aTruncatedBufferIsCorrupt(
      @ForAll("batchBuffers") List<ByteBuffer> batches,
      @ForAll @IntRange(min = 1, max = Integer.MAX_VALUE) int cut) {
    // Given
    ByteBuffer records = TestBatches.concat(batches);
    records.limit(records.limit() - 1 - (cut - 1) % records.remaining());

    // When / Then (a cut exactly at a batch boundary leaves whole, valid batches)
    if (records.hasRemaining() && !atBatchBoundary(batches, records.remaining())) {
      assertThatThrownBy(() -> BatchValidator.validate(records, Integer.MAX_VALUE))
          .isInstanceOfSatisfying(
              BatchValidationException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_MESSAGE));
    }
  }

  private static boolean atBatchBoundary(List<ByteBuffer> batches, int length) {
    int end = 0;
    for (ByteBuffer b : batches) {
      end += b.remaining();
      if (end == length) {
        return true;
      }
    }
    return false;
  }

  private static boolean inUnprotectedField(List<ByteBuffer> batches, int at) {
    int start = 0;
    for (ByteBuffer b : batches) {
      if (at < start + b.remaining()) {
        int rel = at - start;
        return rel < RecordBatchFormat.LENGTH_OFFSET
            || (rel >= RecordBatchFormat.PARTITION_LEADER_EPOCH_OFFSET
                && rel < RecordBatchFormat.MAGIC_OFFSET);
      }
      start += b.remaining();
    }
    throw new IllegalStateException("offset beyond the batches");
  }

  @Provide
  Arbitrary<List<ByteBuffer>> batchBuffers() {
    Arbitrary<ByteBuffer> batch =
        Combinators.combine(
                Arbitraries.of(TestBatches.CODECS),
                Arbitraries.integers().between(1, 20),
                Arbitraries.integers().between(0, 200),
                Arbitraries.longs())
            .as(TestBatches::batch);
    return batch.list().ofMinSize(1).ofMaxSize(5).map(ArrayList::new);
  }
}
