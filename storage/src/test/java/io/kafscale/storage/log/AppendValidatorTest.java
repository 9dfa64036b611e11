/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.storage.compaction.CompactionFixtures;
import io.kafscale.storage.log.StorageException.Reason;
import java.nio.ByteBuffer;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppendValidatorTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final LogConfig COMPACT =
      new LogConfig(
          LogConfig.DEFAULT_MAX_MESSAGE_BYTES,
          false,
          Long.MAX_VALUE,
          3_600_000,
          true,
          Long.MAX_VALUE);

  private static ByteBuffer batch(Compression compression, SimpleRecord... records) {
    return MemoryRecords.withRecords(compression, records).buffer();
  }

  private static LogConfig bounded(long beforeMs, long afterMs, boolean logAppendTime) {
    return new LogConfig(
        LogConfig.DEFAULT_MAX_MESSAGE_BYTES,
        logAppendTime,
        beforeMs,
        afterMs,
        false,
        Long.MAX_VALUE);
  }

  @Test
  void shouldRejectCreateTimeBatchOlderThanBeforeMaxMs() {
    // Given
    ByteBuffer old = batch(Compression.NONE, new SimpleRecord(NOW - 10_000, "k".getBytes(), null));

    // When / Then
    assertThatThrownBy(
            () ->
                AppendValidator.validate(
                    old, bounded(5_000, 5_000, false), NOW, CompactionFixtures.KAFKA))
        .isInstanceOfSatisfying(
            StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TIMESTAMP))
        .hasMessageContaining("out of range");
  }

  @Test
  void shouldRejectCreateTimeBatchFurtherAheadThanAfterMaxMs() {
    // Given
    ByteBuffer ahead = batch(Compression.NONE, new SimpleRecord(NOW + 10_000, "v".getBytes()));

    // When / Then
    assertThatThrownBy(
            () ->
                AppendValidator.validate(
                    ahead, bounded(5_000, 5_000, false), NOW, CompactionFixtures.KAFKA))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TIMESTAMP));
  }

  @Test
  void shouldAcceptTimestampsWithinBoundsAndIgnoreBoundsForLogAppendTime() {
    // Given
    ByteBuffer near = batch(Compression.NONE, new SimpleRecord(NOW - 1_000, "v".getBytes()));
    ByteBuffer old = batch(Compression.NONE, new SimpleRecord(NOW - 60_000, "v".getBytes()));

    // When / Then
    assertThat(
            AppendValidator.validate(
                near, bounded(5_000, 5_000, false), NOW, CompactionFixtures.KAFKA))
        .hasSize(1);
    assertThat(
            AppendValidator.validate(
                old, bounded(5_000, 5_000, true), NOW, CompactionFixtures.KAFKA))
        .hasSize(1);
    assertThat(AppendValidator.validate(old, LogConfig.defaults(), NOW, CompactionFixtures.KAFKA))
        .hasSize(1);
  }

  @Test
  void shouldRejectNullKeyOnCompactedTopic() {
    // Given
    ByteBuffer mixed =
        batch(
            Compression.NONE,
            new SimpleRecord(NOW, "k".getBytes(), "v".getBytes()),
            new SimpleRecord(NOW, null, "v".getBytes()));

    // When / Then
    assertThatThrownBy(
            () -> AppendValidator.validate(mixed, COMPACT, NOW, CompactionFixtures.KAFKA))
        .isInstanceOfSatisfying(
            StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_RECORD))
        .hasMessage("Compacted topic cannot accept message without key");
  }

  @Test
  void shouldRejectNullKeyInGzipBatchOnCompactedTopic() {
    // Given
    ByteBuffer gz =
        batch(
            Compression.gzip().build(),
            new SimpleRecord(NOW, "a".getBytes(), new byte[300]),
            new SimpleRecord(NOW, null, new byte[300]));

    // When / Then
    assertThatThrownBy(() -> AppendValidator.validate(gz, COMPACT, NOW, CompactionFixtures.KAFKA))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("without key");
  }

  @ParameterizedTest
  @ValueSource(strings = {"lz4", "snappy", "zstd"})
  void shouldRejectNullKeyInBatchesOfEveryCodecOnCompactedTopic(String codec) {
    // Given
    Compression compression =
        switch (codec) {
          case "lz4" -> Compression.lz4().build();
          case "snappy" -> Compression.snappy().build();
          default -> Compression.zstd().build();
        };
    ByteBuffer compressed =
        batch(
            compression,
            new SimpleRecord(NOW, "a".getBytes(), new byte[300]),
            new SimpleRecord(NOW, null, new byte[300]));

    // When / Then
    assertThatThrownBy(
            () -> AppendValidator.validate(compressed, COMPACT, NOW, CompactionFixtures.KAFKA))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("without key");
  }

  @Test
  void shouldAcceptKeyedRecordsAndTombstonesOnCompactedTopic() {
    // Given
    ByteBuffer keyed =
        batch(
            Compression.NONE,
            new SimpleRecord(NOW, "a".getBytes(), new byte[200]),
            new SimpleRecord(NOW, "b".getBytes(), null),
            new SimpleRecord(NOW, "c".getBytes(), "x".getBytes()));
    ByteBuffer gz =
        batch(
            Compression.gzip().build(),
            new SimpleRecord(NOW, "a".getBytes(), new byte[500]),
            new SimpleRecord(NOW, "b".getBytes(), new byte[500]));

    // When / Then
    assertThat(AppendValidator.validate(keyed, COMPACT, NOW, CompactionFixtures.KAFKA)).hasSize(1);
    assertThat(AppendValidator.validate(gz, COMPACT, NOW, CompactionFixtures.KAFKA)).hasSize(1);
  }

  @Test
  void shouldAcceptNullKeysWhenTopicIsNotCompacted() {
    // Given
    ByteBuffer unkeyed = batch(Compression.NONE, new SimpleRecord(NOW, null, "v".getBytes()));

    // When / Then
    assertThat(
            AppendValidator.validate(unkeyed, LogConfig.defaults(), NOW, CompactionFixtures.KAFKA))
        .hasSize(1);
  }

  @Test
  void shouldCapFlushSizeAtSegmentBytesOnlyWhenSmaller() {
    // Given
    FlushPolicy policy = new FlushPolicy(1000, java.time.Duration.ofSeconds(1));

    // When / Then
    assertThat(policy.cappedAt(100).maxBytes()).isEqualTo(100);
    assertThat(policy.cappedAt(5000)).isSameAs(policy);
    assertThat(policy.cappedAt(Long.MAX_VALUE)).isSameAs(policy);
  }
}
