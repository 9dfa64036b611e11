/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import static io.kafscale.storage.log.LogTestBatches.offsets;
import static io.kafscale.storage.log.LogTestBatches.plain;
import static io.kafscale.storage.log.PartitionLogTest.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.log.StorageException.Reason;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Retention and DeleteRecords on a partition log: commit first, then drop, reads follow. */
class PartitionLogTrimTest {

  private final PartitionLogTestContext ctx = new PartitionLogTestContext();

  /** Commits {@code segments} segments of one 3-record batch each, stamped {@code timestamp}. */
  private static void fill(PartitionLog log, int segments, long timestamp) {
    for (int s = 0; s < segments; s++) {
      log.append(plain(3, 100, timestamp));
      log.flush().join();
    }
  }

  @Test
  void shouldMoveLogStartAndFailReadsBelowItAfterRetentionBySize() {
    // Given four segments of equal size
    PartitionLog log = ctx.open();
    fill(log, 4, LogTestBatches.TIMESTAMP);
    long segmentBytes = ctx.committer.segments(PartitionLogTestContext.PARTITION).get(0).length();
    // When retention keeps two segments' worth of bytes
    RetentionPlan plan = log.trim(new TrimRequest.Retention(-1, 2 * segmentBytes)).join();
    // Then
    assertThat(plan.deleted()).extracting(SegmentRef::baseOffset).containsExactly(0L, 3L);
    assertThat(log.logStartOffset()).isEqualTo(6);
    assertThat(log.highWatermark()).isEqualTo(12);
    assertFailsWith(log.read(5, 1 << 20, true), Reason.OFFSET_OUT_OF_RANGE);
    assertThat(offsets(log.read(6, 1 << 20, true).join().batches())).startsWith(6L);
    assertThat(ctx.committer.segments(PartitionLogTestContext.PARTITION))
        .extracting(SegmentRef::baseOffset)
        .containsExactly(6L, 9L);
    assertThat(ctx.committer.logStartOffset(PartitionLogTestContext.PARTITION)).isEqualTo(6);
  }

  @Test
  void shouldDeleteEverySegmentPastRetentionMsAndKeepOffsets() {
    // Given segments stamped with the clock's time, which then moves past retention.ms
    PartitionLog log = ctx.open();
    fill(log, 2, ctx.scheduler.clock().millis());
    ctx.advance(Duration.ofMinutes(2));
    // When
    RetentionPlan plan = log.trim(new TrimRequest.Retention(60_000, -1)).join();
    // Then the log is empty but keeps its offsets; the next append continues them
    assertThat(plan.deleted()).hasSize(2);
    assertThat(log.logStartOffset()).isEqualTo(6).isEqualTo(log.highWatermark());
    assertThat(log.read(6, 1 << 20, true).join().batches()).isEmpty();
    CompletableFuture<AppendResult> next = log.append(plain(1, 10));
    log.flush().join();
    assertThat(next.join().baseOffset()).isEqualTo(6L);
  }

  @Test
  void shouldKeepSegmentsWithinRetentionMs() {
    // Given
    PartitionLog log = ctx.open();
    fill(log, 2, ctx.scheduler.clock().millis());
    ctx.advance(Duration.ofSeconds(30));
    // When
    RetentionPlan plan = log.trim(new TrimRequest.Retention(60_000, -1)).join();
    // Then
    assertThat(plan.isNoop()).isTrue();
    assertThat(log.logStartOffset()).isZero();
  }

  @Test
  void shouldMoveLogStartInsideASegmentOnDeleteRecords() {
    // Given
    PartitionLog log = ctx.open();
    fill(log, 3, LogTestBatches.TIMESTAMP);
    // When deleting before offset 4 (inside the second segment)
    RetentionPlan plan = log.trim(new TrimRequest.DeleteBefore(4)).join();
    // Then the first segment goes, the second stays, reads below 4 fail
    assertThat(plan.deleted()).extracting(SegmentRef::baseOffset).containsExactly(0L);
    assertThat(log.logStartOffset()).isEqualTo(4);
    assertFailsWith(log.read(3, 1 << 20, true), Reason.OFFSET_OUT_OF_RANGE);
    assertThat(offsets(log.read(4, 1 << 20, true).join().batches())).startsWith(3L, 4L, 5L);
    assertThat(log.firstBatchWithTimestampAtLeast(0).join())
        .hasValueSatisfying(
            b -> assertThat(offsets(java.util.List.of(b))).containsExactly(3L, 4L, 5L));
  }

  @Test
  void shouldRejectDeleteRecordsAboveTheHighWatermark() {
    // Given
    PartitionLog log = ctx.open();
    fill(log, 1, LogTestBatches.TIMESTAMP);
    // Then
    assertFailsWith(log.trim(new TrimRequest.DeleteBefore(4)), Reason.OFFSET_OUT_OF_RANGE);
    assertThat(log.trim(new TrimRequest.DeleteBefore(-1)).join().logStartOffset()).isEqualTo(3);
  }

  @Test
  void shouldStopTheLogWhenTheTrimOutcomeIsUnknown() {
    // Given a trim that fails without saying whether it applied
    PartitionLog log = ctx.open();
    fill(log, 2, LogTestBatches.TIMESTAMP);
    ctx.committer.failNextTrims(1);
    // When
    CompletableFuture<RetentionPlan> trim = log.trim(new TrimRequest.DeleteBefore(3));
    // Then the log stops, so its owner reloads it from the store
    assertFailsWith(trim, Reason.NOT_OWNER);
    assertThat(log.isOpen()).isFalse();
    assertThat(offsets(ctx.reopen(1).read(0, 1 << 20, true).join().batches())).startsWith(0L);
  }

  @Test
  void shouldStopTheLogWhenATrimAppliedButItsAnswerWasLost() {
    // Given
    PartitionLog log = ctx.open();
    fill(log, 2, LogTestBatches.TIMESTAMP);
    ctx.committer.loseNextTrimAnswers(1);
    // When
    CompletableFuture<RetentionPlan> trim = log.trim(new TrimRequest.DeleteBefore(3));
    // Then the stopped log no longer serves the removed segment; a reload sees the trim
    assertFailsWith(trim, Reason.NOT_OWNER);
    assertThat(log.isOpen()).isFalse();
    assertThat(ctx.reopen(1).logStartOffset()).isEqualTo(3);
  }

  @Test
  void shouldCloseTheLogWhenTheTrimIsFenced() {
    // Given
    PartitionLog log = ctx.open();
    fill(log, 1, LogTestBatches.TIMESTAMP);
    ctx.committer.bumpEpoch(PartitionLogTestContext.PARTITION, 2);
    // When
    CompletableFuture<RetentionPlan> trim = log.trim(new TrimRequest.DeleteBefore(3));
    // Then
    assertFailsWith(trim, Reason.NOT_OWNER);
    assertThat(log.isOpen()).isFalse();
  }

  @Test
  void shouldRunATrimRequestedDuringAFlushAfterThatFlushCommits() {
    // Given a flush whose commit is held
    PartitionLog log = ctx.open();
    fill(log, 1, LogTestBatches.TIMESTAMP);
    CompletableFuture<Void> held = ctx.committer.holdNext();
    log.append(plain(3, 100));
    CompletableFuture<Void> flushed = log.flush();
    // When
    CompletableFuture<RetentionPlan> trim = log.trim(new TrimRequest.DeleteBefore(3));
    // Then the trim waits for the flush
    assertThat(trim).isNotDone();
    held.complete(null);
    flushed.join();
    assertThat(trim.join().logStartOffset()).isEqualTo(3);
    assertThat(log.highWatermark()).isEqualTo(6);
  }

  @Test
  void shouldOpenANewOwnerAtTheTrimmedLogStart() {
    // Given
    PartitionLog log = ctx.open();
    fill(log, 3, LogTestBatches.TIMESTAMP);
    log.trim(new TrimRequest.DeleteBefore(7)).join();
    log.close();
    // When
    PartitionLog next = ctx.reopen(2);
    // Then
    assertThat(next.logStartOffset()).isEqualTo(7);
    assertFailsWith(next.read(6, 1 << 20, true), Reason.OFFSET_OUT_OF_RANGE);
    assertThat(offsets(next.read(7, 1 << 20, true).join().batches())).startsWith(6L);
  }
}
