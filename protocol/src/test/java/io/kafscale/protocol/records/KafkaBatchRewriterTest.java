/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KafkaBatchRewriterTest {

  private static final long BASE = 1000;

  private static ByteBuffer batch(CompressionType type) {
    MemoryRecords records =
        MemoryRecords.withRecords(
            RecordBatch.MAGIC_VALUE_V2,
            BASE,
            Compression.of(type).build(),
            TimestampType.CREATE_TIME,
            4242L,
            (short) 3,
            17,
            5,
            true,
            new SimpleRecord(10L, bytes("a"), bytes("1")),
            new SimpleRecord(11L, bytes("b"), bytes("2")),
            new SimpleRecord(12L, bytes("a"), null),
            new SimpleRecord(13L, null, bytes("4")));
    return records.buffer();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private record Seen(long offset, String key, boolean tombstone) {}

  @ParameterizedTest
  @EnumSource(CompressionType.class)
  void shouldListEveryRecordWithKeyAndTombstoneFlag(CompressionType type) {
    // Given
    ByteBuffer batch = batch(type);
    ByteBuffer before = batch.duplicate();
    List<Seen> seen = new ArrayList<>();

    // When
    KafkaBatchRewriter.scan(
        batch,
        (offset, key, tombstone) ->
            seen.add(
                new Seen(
                    offset,
                    key == null ? null : StandardCharsets.UTF_8.decode(key).toString(),
                    tombstone)));

    // Then
    assertThat(seen)
        .containsExactly(
            new Seen(1000, "a", false),
            new Seen(1001, "b", false),
            new Seen(1002, "a", true),
            new Seen(1003, null, false));
    assertThat(batch).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(CompressionType.class)
  void shouldKeepChosenRecordsWithOriginalOffsetsProducerFieldsAndCodec(CompressionType type) {
    // Given
    ByteBuffer batch = batch(type);

    // When
    ByteBuffer kept = KafkaBatchRewriter.retain(batch, o -> Set.of(1001L, 1003L).contains(o));

    // Then
    MutableRecordBatch out = MemoryRecords.readableRecords(kept).batches().iterator().next();
    out.ensureValid();
    assertThat(out.baseOffset()).isEqualTo(BASE);
    assertThat(out.compressionType()).isEqualTo(type);
    assertThat(out.producerId()).isEqualTo(4242L);
    assertThat(out.producerEpoch()).isEqualTo((short) 3);
    assertThat(out.baseSequence()).isEqualTo(17);
    assertThat(out.isTransactional()).isTrue();
    List<Long> offsets = new ArrayList<>();
    List<Long> timestamps = new ArrayList<>();
    for (Record r : out) {
      offsets.add(r.offset());
      timestamps.add(r.timestamp());
    }
    assertThat(offsets).containsExactly(1001L, 1003L);
    assertThat(timestamps).containsExactly(11L, 13L);
  }

  @ParameterizedTest
  @EnumSource(CompressionType.class)
  void shouldReturnNullWhenNoRecordIsKept(CompressionType type) {
    // Given
    ByteBuffer batch = batch(type);

    // When
    ByteBuffer kept = KafkaBatchRewriter.retain(batch, o -> false);

    // Then
    assertThat(kept).isNull();
  }

  @ParameterizedTest
  @EnumSource(CompressionType.class)
  void shouldReturnTheSameBytesWhenEveryRecordIsKept(CompressionType type) {
    // Given
    ByteBuffer batch = batch(type);

    // When
    ByteBuffer kept = KafkaBatchRewriter.retain(batch, o -> true);

    // Then
    assertThat(kept).isEqualTo(batch);
  }

  @ParameterizedTest
  @EnumSource(CompressionType.class)
  void shouldKeepTheOriginalLastOffsetWhenTheLastRecordIsRemoved(CompressionType type) {
    // Given
    ByteBuffer batch = batch(type);

    // When only the first two records are kept
    ByteBuffer kept = KafkaBatchRewriter.retain(batch, o -> o < 1002L);

    // Then the batch still ends where the original did
    MutableRecordBatch out = MemoryRecords.readableRecords(kept).batches().iterator().next();
    out.ensureValid();
    assertThat(out.baseOffset()).isEqualTo(BASE);
    assertThat(out.lastOffset()).isEqualTo(BASE + 3);
    assertThat(out.countOrNull()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(CompressionType.class)
  void shouldWriteAnEmptyHeaderCoveringTheOriginalOffsetsAndProducerFields(CompressionType type) {
    // Given
    ByteBuffer batch = batch(type);
    ByteBuffer before = batch.duplicate();

    // When
    ByteBuffer header = KafkaBatchRewriter.emptyHeader(batch);

    // Then
    MutableRecordBatch out = MemoryRecords.readableRecords(header).batches().iterator().next();
    out.ensureValid();
    assertThat(out.baseOffset()).isEqualTo(BASE);
    assertThat(out.lastOffset()).isEqualTo(BASE + 3);
    assertThat(out.countOrNull()).isZero();
    assertThat(out.producerId()).isEqualTo(4242L);
    assertThat(out.producerEpoch()).isEqualTo((short) 3);
    assertThat(out.baseSequence()).isEqualTo(17);
    assertThat(out.partitionLeaderEpoch()).isEqualTo(5);
    assertThat(out.isTransactional()).isTrue();
    assertThat(out.maxTimestamp()).isEqualTo(13L);
    assertThat(batch).isEqualTo(before);
  }
}
