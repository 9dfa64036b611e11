/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import static io.kafscale.storage.log.LogTestBatches.offsets;
import static io.kafscale.storage.log.LogTestBatches.plain;
import static io.kafscale.storage.log.PartitionLogTest.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.log.StorageException.Reason;
import io.kafscale.storage.objectstore.memory.FaultPolicy.Operation;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The read path: committed data only, whole batches, byte budgets, object-store reads, cache. */
class PartitionLogReadTest {

  private final PartitionLogTestContext ctx = new PartitionLogTestContext();

  /** Commits {@code segments} segments of {@code batchesPerSegment} batches of 3 records each. */
  private static List<ByteBuffer> fill(
      PartitionLog log, int segments, int batchesPerSegment, int valueBytes) {
    List<ByteBuffer> sent = new ArrayList<>();
    for (int s = 0; s < segments; s++) {
      for (int b = 0; b < batchesPerSegment; b++) {
        ByteBuffer batch =
            plain(3, valueBytes, LogTestBatches.TIMESTAMP + 1000L * (s * batchesPerSegment + b));
        sent.add(batch.duplicate());
        log.append(batch);
      }
      log.flush().join();
    }
    return sent;
  }

  @Test
  void shouldServeOnlyCommittedData() {
    // Given
    PartitionLog log = ctx.open();
    log.append(plain(2, 10));
    log.flush().join();
    log.append(plain(5, 10));
    // When
    ReadResult result = log.read(0, 1 << 20, true).join();
    // Then
    assertThat(offsets(result.batches())).containsExactly(0L, 1L);
    assertThat(result.highWatermark()).isEqualTo(2);
    assertThat(log.read(2, 1 << 20, true).join().batches()).isEmpty();
  }

  @Test
  void shouldRejectOffsetsOutsideTheLog() {
    // Given
    PartitionLog log = ctx.open();
    fill(log, 1, 1, 10);
    // Then
    assertFailsWith(log.read(4, 1 << 20, true), Reason.OFFSET_OUT_OF_RANGE);
    assertFailsWith(log.read(-1, 1 << 20, true), Reason.OFFSET_OUT_OF_RANGE);
    assertThat(log.read(3, 1 << 20, true).join().batches()).isEmpty();
  }

  @Test
  void shouldReturnTheWholeBatchWhenReadingInsideIt() {
    // Given
    PartitionLog log = ctx.open();
    fill(log, 1, 2, 10);
    // When
    ReadResult result = log.read(4, 1 << 20, true).join();
    // Then
    assertThat(offsets(result.batches())).containsExactly(3L, 4L, 5L);
  }

  @Test
  void shouldRespectMaxBytesExceptForTheFirstBatchWhenMinOneBatch() {
    // Given
    PartitionLog log = ctx.open();
    fill(log, 2, 2, 100);
    int batchSize = log.read(0, 1, true).join().sizeInBytes();
    // When
    ReadResult one = log.read(0, 1, true).join();
    ReadResult none = log.read(0, 1, false).join();
    ReadResult three = log.read(0, batchSize * 3 + 1, false).join();
    // Then
    assertThat(one.batches()).hasSize(1);
    assertThat(none.batches()).isEmpty();
    assertThat(offsets(three.batches())).hasSize(9).startsWith(0L).endsWith(8L);
  }

  @Test
  void shouldServeByteIdenticalBatchesFromTheObjectStoreAfterReopen() {
    // Given data committed by a first owner
    PartitionLog first = ctx.open();
    fill(first, 3, 2, 50);
    byte[] fromMemory =
        LogTestBatches.bytes(first.read(0, Integer.MAX_VALUE, true).join().batches());
    first.close();
    long readsBefore = ctx.store.count(Operation.GET_RANGE);
    // When a new owner (empty memory and cache) reads everything
    PartitionLog second = ctx.reopen(2);
    ReadResult result = second.read(0, Integer.MAX_VALUE, true).join();
    // Then
    assertThat(LogTestBatches.bytes(result.batches())).isEqualTo(fromMemory);
    assertThat(offsets(result.batches())).hasSize(18);
    assertThat(ctx.store.count(Operation.GET_RANGE) - readsBefore).isEqualTo(3);
    assertThat(second.highWatermark()).isEqualTo(18);
  }

  @Test
  void shouldReadAheadTheFollowingSegmentsAfterAnObjectStoreRead() {
    // Given
    PartitionLog first = ctx.open();
    fill(first, 3, 1, 50);
    PartitionLog second = ctx.reopen(2);
    // When only the first segment is asked for
    second.read(0, 1, true).join();
    long reads = ctx.store.count(Operation.GET_RANGE);
    second.read(3, 1, true).join();
    // Then the following (small) segments were fetched ahead and the second read hit the cache
    assertThat(reads).isEqualTo(3);
    assertThat(ctx.store.count(Operation.GET_RANGE)).isEqualTo(3);
  }

  @Test
  void shouldReadLargeSegmentsByIndexLocatedRanges() {
    // Given segments above the whole-read limit
    PartitionLogTestContext ranged = new PartitionLogTestContext().wholeSegmentMax(1000);
    PartitionLog first = ranged.open();
    fill(first, 2, 20, 200);
    byte[] all = LogTestBatches.bytes(first.read(0, Integer.MAX_VALUE, true).join().batches());
    PartitionLog second = ranged.reopen(2);
    // When
    ReadResult middle = second.read(31, 1, true).join();
    ReadResult everything = second.read(0, Integer.MAX_VALUE, true).join();
    // Then
    assertThat(offsets(middle.batches())).containsExactly(30L, 31L, 32L);
    assertThat(LogTestBatches.bytes(everything.batches())).isEqualTo(all);
    assertThat(ranged.store.count(Operation.GET)).isEqualTo(2);
  }

  @Test
  void shouldKeepTheSharedCacheWithinItsBudget() {
    // Given a cache that holds about one segment
    PartitionLogTestContext tiny = new PartitionLogTestContext().cacheBytes(1500).recentBytes(0);
    PartitionLog log = tiny.open();
    fill(log, 4, 2, 200);
    // When
    ReadResult result = log.read(0, Integer.MAX_VALUE, true).join();
    // Then
    assertThat(offsets(result.batches())).hasSize(24);
    assertThat(tiny.factory().cache().sizeInBytes()).isLessThanOrEqualTo(1500);
  }

  @Test
  void shouldFindTheFirstBatchAtOrAfterATimestamp() {
    // Given batches with timestamps T, T+1000, ... (records at +0..+2)
    PartitionLog log = ctx.open();
    fill(log, 2, 2, 10);
    // When
    Optional<ByteBuffer> found =
        log.firstBatchWithTimestampAtLeast(LogTestBatches.TIMESTAMP + 2001).join();
    Optional<ByteBuffer> none =
        log.firstBatchWithTimestampAtLeast(LogTestBatches.TIMESTAMP + 9999).join();
    // Then
    assertThat(offsets(List.of(found.orElseThrow()))).containsExactly(6L, 7L, 8L);
    assertThat(none).isEmpty();
    assertThat(log.maxTimestamp())
        .contains(new TimestampedOffset(9, LogTestBatches.TIMESTAMP + 3002));
  }
}
