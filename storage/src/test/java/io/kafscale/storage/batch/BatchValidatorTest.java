/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.batch;

import static io.kafscale.storage.batch.TestBatches.batch;
import static io.kafscale.storage.batch.TestBatches.concat;
import static io.kafscale.storage.batch.TestBatches.copy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.storage.log.StorageException;
import io.kafscale.storage.log.StorageException.Reason;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchValidatorTest {

  private static final int MAX = 1 << 20;

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
  void shouldAcceptBatchesOfEveryCodecWithHeadersMatchingKafka(String codec) {
    // Given
    ByteBuffer records = batch(codec, 7, 100, 42);
    MutableRecordBatch kafka =
        MemoryRecords.readableRecords(records.duplicate()).batches().iterator().next();

    // When
    List<BatchHeader> headers = BatchValidator.validate(records, MAX);

    // Then
    assertThat(headers).hasSize(1);
    BatchHeader h = headers.get(0);
    assertThat(h.position()).isZero();
    assertThat(h.sizeInBytes()).isEqualTo(kafka.sizeInBytes()).isEqualTo(records.remaining());
    assertThat(h.baseOffset()).isEqualTo(kafka.baseOffset());
    assertThat(h.lastOffset()).isEqualTo(kafka.lastOffset());
    assertThat(h.magic()).isEqualTo(kafka.magic());
    assertThat(h.crc()).isEqualTo((int) kafka.checksum());
    assertThat(h.compressionCodecId()).isEqualTo(kafka.compressionType().id);
    assertThat(h.recordCount()).isEqualTo(kafka.countOrNull()).isEqualTo(7);
    assertThat(h.firstTimestamp()).isEqualTo(((DefaultRecordBatch) kafka).baseTimestamp());
    assertThat(h.maxTimestamp()).isEqualTo(kafka.maxTimestamp());
    assertThat(h.partitionLeaderEpoch()).isEqualTo(kafka.partitionLeaderEpoch());
    assertThat(h.hasProducerId()).isFalse();
    assertThat(h.isTransactional()).isFalse();
    assertThat(h.isControl()).isFalse();
    assertThat(h.timestampTypeIsLogAppend()).isFalse();
  }

  @Test
  void shouldExposeIdempotentProducerFieldsAndWrapTheLastSequenceLikeKafka() {
    // Given
    ByteBuffer records = batch("lz4", 5, 10, 1, 4711L, (short) 3, Integer.MAX_VALUE - 1);
    MutableRecordBatch kafka =
        MemoryRecords.readableRecords(records.duplicate()).batches().iterator().next();

    // When
    BatchHeader h = BatchValidator.validate(records, MAX).get(0);

    // Then
    assertThat(h.hasProducerId()).isTrue();
    assertThat(h.producerId()).isEqualTo(4711L);
    assertThat(h.producerEpoch()).isEqualTo((short) 3);
    assertThat(h.baseSequence()).isEqualTo(Integer.MAX_VALUE - 1);
    assertThat(h.lastSequence()).isEqualTo(kafka.lastSequence()).isEqualTo(2);
  }

  @Test
  void shouldReportTransactionalAndLogAppendTimeFlagsFromTheAttributes() {
    // Given
    ByteBuffer records = copy(batch("none", 2, 10, 1, 9L, (short) 0, 0));
    short attributes = records.getShort(RecordBatchFormat.ATTRIBUTES_OFFSET);
    records.putShort(RecordBatchFormat.ATTRIBUTES_OFFSET, (short) (attributes | 0x10 | 0x08));
    TestBatches.recomputeCrc(records);

    // When
    BatchHeader h = BatchValidator.validate(records, MAX).get(0);

    // Then
    assertThat(h.isTransactional()).isTrue();
    assertThat(h.timestampTypeIsLogAppend()).isTrue();
    assertThat(h.isControl()).isFalse();
  }

  @Test
  void shouldReturnOneHeaderAndOneZeroCopySlicePerBatchWhenBuffersHoldSeveralBatches() {
    // Given a records field that sits in the middle of a larger request buffer
    List<ByteBuffer> batches =
        List.of(batch("none", 1, 10, 1), batch("gzip", 3, 50, 2), batch("zstd", 10, 5, 3));
    ByteBuffer joined = concat(batches);
    ByteBuffer request = ByteBuffer.allocate(joined.remaining() + 20);
    request.position(10);
    request.put(joined.duplicate());
    request.position(10).limit(10 + joined.remaining());

    // When
    List<BatchHeader> headers = BatchValidator.validate(request, MAX);
    List<ByteBuffer> slices = BatchValidator.slices(request, headers);

    // Then
    assertThat(headers).extracting(BatchHeader::recordCount).containsExactly(1, 3, 10);
    int first = batches.get(0).remaining();
    assertThat(headers)
        .extracting(BatchHeader::position)
        .containsExactly(0, first, first + batches.get(1).remaining());
    assertThat(request.position()).isEqualTo(10);
    assertThat(request.limit()).isEqualTo(10 + joined.remaining());
    for (int i = 0; i < batches.size(); i++) {
      assertThat(slices.get(i)).isEqualTo(batches.get(i));
      assertThat(slices.get(i).isReadOnly()).isTrue();
    }
  }

  @Test
  void shouldAcceptABatchOfExactlyTheMaximumSize() {
    // Given
    ByteBuffer records = batch("none", 3, 30, 5);

    // When / Then
    assertThat(BatchValidator.validate(records, records.remaining())).hasSize(1);
  }

  @Test
  void shouldRejectAFlippedCrcByteAsCorrupt() {
    // Given
    ByteBuffer records = copy(batch("snappy", 4, 40, 3));
    records.put(
        RecordBatchFormat.CRC_OFFSET + 2,
        (byte) (records.get(RecordBatchFormat.CRC_OFFSET + 2) ^ 1));

    // When / Then
    assertRejected(() -> BatchValidator.validate(records, MAX), Reason.CORRUPT_MESSAGE);
  }

  @Test
  void shouldRejectAFlippedPayloadByteAsCorrupt() {
    // Given
    ByteBuffer records = copy(batch("none", 4, 40, 3));
    int last = records.limit() - 1;
    records.put(last, (byte) (records.get(last) ^ 0x40));

    // When / Then
    assertRejected(() -> BatchValidator.validate(records, MAX), Reason.CORRUPT_MESSAGE);
  }

  @Test
  void shouldRejectLegacyMagicV1AsUnsupportedForMessageFormat() {
    // Given
    ByteBuffer records = TestBatches.legacyV1Batch();

    // When / Then
    assertRejected(
        () -> BatchValidator.validate(records, MAX), Reason.UNSUPPORTED_FOR_MESSAGE_FORMAT);
  }

  @Test
  void shouldRejectAnUnknownMagicAsCorrupt() {
    // Given
    ByteBuffer records = copy(batch("none", 1, 10, 3));
    records.put(RecordBatchFormat.MAGIC_OFFSET, (byte) 3);

    // When / Then
    assertRejected(() -> BatchValidator.validate(records, MAX), Reason.CORRUPT_MESSAGE);
  }

  @Test
  void shouldRejectARecordCountThatDisagreesWithTheLastOffsetDeltaAsInvalid() {
    // Given a batch whose CRC is valid again after the patch
    ByteBuffer records = copy(batch("none", 3, 10, 3));
    records.putInt(RecordBatchFormat.RECORDS_COUNT_OFFSET, 4);
    TestBatches.recomputeCrc(records);

    // When / Then
    assertRejected(() -> BatchValidator.validate(records, MAX), Reason.INVALID_RECORD);
  }

  @Test
  void shouldRejectANegativeLastOffsetDeltaAsInvalid() {
    // Given
    ByteBuffer records = copy(batch("none", 1, 10, 3));
    records.putInt(RecordBatchFormat.LAST_OFFSET_DELTA_OFFSET, -1);
    records.putInt(RecordBatchFormat.RECORDS_COUNT_OFFSET, 0);
    TestBatches.recomputeCrc(records);

    // When / Then
    assertRejected(() -> BatchValidator.validate(records, MAX), Reason.INVALID_RECORD);
  }

  @Test
  void shouldRejectABatchLargerThanTheMaximumAsTooLarge() {
    // Given
    ByteBuffer records = batch("none", 3, 30, 5);

    // When / Then
    assertRejected(
        () -> BatchValidator.validate(records, records.remaining() - 1), Reason.MESSAGE_TOO_LARGE);
  }

  @Test
  void shouldRejectATruncatedBatchAsCorrupt() {
    // Given
    ByteBuffer records = batch("gzip", 3, 30, 5);
    records.limit(records.limit() - 1);

    // When / Then
    assertRejected(() -> BatchValidator.validate(records, MAX), Reason.CORRUPT_MESSAGE);
  }

  @Test
  void shouldRejectTrailingPartialBytesAfterAValidBatchAsCorrupt() {
    // Given a valid batch followed by the first 70 bytes of another
    ByteBuffer second = batch("none", 5, 30, 6);
    second.limit(70);
    ByteBuffer records = concat(List.of(batch("none", 1, 10, 5), second));

    // When / Then
    assertRejected(() -> BatchValidator.validate(records, MAX), Reason.CORRUPT_MESSAGE);
  }

  @Test
  void shouldRejectAFewStrayTrailingBytesAsCorrupt() {
    // Given
    ByteBuffer records = concat(List.of(batch("none", 1, 10, 5), ByteBuffer.wrap(new byte[5])));

    // When / Then
    assertRejected(() -> BatchValidator.validate(records, MAX), Reason.CORRUPT_MESSAGE);
  }

  @Test
  void shouldRejectALengthFieldBelowTheHeaderSizeAsCorrupt() {
    // Given
    ByteBuffer records = copy(batch("none", 1, 10, 5));
    records.putInt(RecordBatchFormat.LENGTH_OFFSET, 20);

    // When / Then
    assertRejected(() -> BatchValidator.validate(records, MAX), Reason.CORRUPT_MESSAGE);
  }

  @Test
  void shouldRejectAnEmptyRecordsFieldAsInvalid() {
    assertRejected(
        () -> BatchValidator.validate(ByteBuffer.allocate(0), MAX), Reason.INVALID_RECORD);
  }

  @Test
  void shouldRejectTheWholeBufferWhenALaterBatchIsCorrupt() {
    // Given
    ByteBuffer bad = copy(batch("none", 2, 10, 8));
    bad.put(bad.limit() - 1, (byte) (bad.get(bad.limit() - 1) + 1));
    ByteBuffer records = concat(List.of(batch("none", 2, 10, 7), bad));

    // When / Then
    assertRejected(() -> BatchValidator.validate(records, MAX), Reason.CORRUPT_MESSAGE);
  }

  @Test
  void shouldSetTheBaseOffsetWithoutInvalidatingTheCrcOrMovingTheView() {
    // Given
    ByteBuffer view = copy(batch("zstd", 4, 20, 9));

    // When
    RecordBatchFormat.setBaseOffset(view, 1234L);

    // Then
    MutableRecordBatch kafka =
        MemoryRecords.readableRecords(view.duplicate()).batches().iterator().next();
    assertThat(kafka.baseOffset()).isEqualTo(1234L);
    assertThat(kafka.lastOffset()).isEqualTo(1237L);
    assertThat(kafka.isValid()).isTrue();
    assertThat(view.position()).isZero();
  }

  private static void assertRejected(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call)
        .isInstanceOf(BatchValidationException.class)
        .isInstanceOf(StorageException.class)
        .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(reason))
        .hasMessageNotContaining("null");
  }
}
