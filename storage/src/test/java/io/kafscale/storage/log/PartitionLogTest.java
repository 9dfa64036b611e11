/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import static io.kafscale.storage.log.LogTestBatches.offsets;
import static io.kafscale.storage.log.LogTestBatches.plain;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.log.StorageException.Reason;
import io.kafscale.storage.objectstore.ObjectStoreException;
import io.kafscale.storage.objectstore.memory.FaultPolicy.Operation;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

/** The write path of {@link DefaultPartitionLog}: staging, flush triggers, failures, fencing. */
class PartitionLogTest {

  private final PartitionLogTestContext ctx = new PartitionLogTestContext().flushMaxBytes(1 << 20);

  static void assertFailsWith(CompletableFuture<?> f, Reason reason) {
    assertThat(f).isCompletedExceptionally();
    ThrowableAssert.ThrowingCallable join = f::join;
    org.assertj.core.api.Assertions.assertThatThrownBy(join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(StorageException.class)
        .extracting(e -> ((StorageException) e).reason())
        .isEqualTo(reason);
  }

  @Test
  void shouldAssignDenseOffsetsAcrossFlushes() {
    // Given
    PartitionLog log = ctx.open();
    // When
    CompletableFuture<AppendResult> a = log.append(plain(3, 10));
    CompletableFuture<AppendResult> b = log.append(plain(2, 10));
    log.flush().join();
    CompletableFuture<AppendResult> c = log.append(plain(4, 10));
    log.flush().join();
    // Then
    assertThat(a.join()).isEqualTo(new AppendResult(0, 2, -1, 0));
    assertThat(b.join()).isEqualTo(new AppendResult(3, 4, -1, 0));
    assertThat(c.join()).isEqualTo(new AppendResult(5, 8, -1, 0));
    assertThat(log.highWatermark()).isEqualTo(9);
    assertThat(ctx.committer.segments(PartitionLogTestContext.PARTITION)).hasSize(2);
    assertThat(offsets(log.read(0, Integer.MAX_VALUE, true).join().batches()))
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
  }

  @Test
  void shouldFlushWhenStagedBytesReachMaxBytes() {
    // Given
    PartitionLogTestContext small = new PartitionLogTestContext().flushMaxBytes(2_000);
    PartitionLog log = small.open();
    // When
    CompletableFuture<AppendResult> first = log.append(plain(1, 900));
    boolean stagedAfterFirst = !first.isDone();
    CompletableFuture<AppendResult> second = log.append(plain(1, 1200));
    // Then
    assertThat(stagedAfterFirst).isTrue();
    assertThat(first).isCompleted();
    assertThat(second.join().baseOffset()).isEqualTo(1);
    assertThat(small.committer.segments(PartitionLogTestContext.PARTITION)).hasSize(1);
  }

  @Test
  void shouldFlushWhenOldestBatchReachesMaxAge() {
    // Given
    PartitionLog log = ctx.flushMaxAge(Duration.ofMillis(100)).open();
    CompletableFuture<AppendResult> f = log.append(plain(1, 10));
    // When
    ctx.advance(Duration.ofMillis(99));
    boolean doneEarly = f.isDone();
    ctx.advance(Duration.ofMillis(1));
    // Then
    assertThat(doneEarly).isFalse();
    assertThat(f.join().baseOffset()).isZero();
    assertThat(ctx.scheduler.pendingTimers()).isZero();
  }

  @Test
  void shouldKeepOneFlushInFlightWhileAppendsAccumulate() {
    // Given a flush whose segment upload hangs
    PartitionLog log = ctx.open();
    CompletableFuture<Void> gate = ctx.store.holdNext(Operation.CREATE);
    CompletableFuture<AppendResult> a = log.append(plain(2, 10));
    log.flush();
    // When more batches arrive and the age deadline passes
    CompletableFuture<AppendResult> b = log.append(plain(3, 10));
    ctx.advance(Duration.ofSeconds(1));
    // Then nothing else is uploaded until the first flush is done
    long createsWhileHeld = ctx.store.count(Operation.CREATE);
    assertThat(a).isNotDone();
    assertThat(b).isNotDone();
    gate.complete(null);
    assertThat(createsWhileHeld).isEqualTo(1); // the segment; a small one has no index object
    assertThat(a.join()).isEqualTo(new AppendResult(0, 1, -1, 0));
    assertThat(b.join()).isEqualTo(new AppendResult(2, 4, -1, 0));
    assertThat(ctx.committer.segments(PartitionLogTestContext.PARTITION)).hasSize(2);
  }

  @Test
  void shouldFailEveryRequestOfFlushAndBurnNoOffsetsWhenPutFails() {
    // Given
    PartitionLog log = ctx.open();
    ctx.store.failNext(Operation.CREATE, 1, () -> new ObjectStoreException("S3 down"));
    CompletableFuture<AppendResult> a = log.append(plain(2, 10));
    CompletableFuture<AppendResult> b = log.append(plain(1, 10));
    // When
    log.flush();
    CompletableFuture<AppendResult> retry = log.append(plain(2, 10));
    log.flush().join();
    // Then
    assertFailsWith(a, Reason.FLUSH_FAILED);
    assertFailsWith(b, Reason.FLUSH_FAILED);
    assertThat(retry.join()).isEqualTo(new AppendResult(0, 1, -1, 0));
    assertThat(log.highWatermark()).isEqualTo(2);
    assertThat(ctx.meters.get(StorageMeters.FLUSH_FAILURES).tag("cause", "put").counter().count())
        .isEqualTo(1);
    // The failed upload left nothing behind: only the retried (small, index-less) segment remains.
    assertThat(ctx.store.size()).isEqualTo(1);
  }

  @Test
  void shouldFailEveryRequestOfFlushWhenCommitFails() {
    // Given
    PartitionLog log = ctx.open();
    ctx.committer.failNext(1);
    CompletableFuture<AppendResult> a = log.append(plain(2, 10));
    // When
    log.flush();
    CompletableFuture<AppendResult> b = log.append(plain(1, 10));
    log.flush().join();
    // Then
    assertFailsWith(a, Reason.FLUSH_FAILED);
    assertThat(b.join()).isEqualTo(new AppendResult(0, 0, -1, 0));
    assertThat(log.highWatermark()).isEqualTo(1);
  }

  @Test
  void shouldFailWithNotOwnerAndCloseWhenCommitIsFenced() {
    // Given
    PartitionLog log = ctx.open();
    ctx.committer.bumpEpoch(PartitionLogTestContext.PARTITION, 2);
    CompletableFuture<AppendResult> a = log.append(plain(1, 10));
    // When
    log.flush();
    CompletableFuture<AppendResult> after = log.append(plain(1, 10));
    // Then
    assertFailsWith(a, Reason.NOT_OWNER);
    assertFailsWith(after, Reason.NOT_OWNER);
    assertThat(log.highWatermark()).isZero();
  }

  @Test
  void shouldFlushPendingOnCloseAndRejectLaterAppends() {
    // Given
    PartitionLog log = ctx.open();
    CompletableFuture<AppendResult> a = log.append(plain(1, 10));
    // When
    log.close();
    CompletableFuture<AppendResult> after = log.append(plain(1, 10));
    // Then
    assertThat(a.join().baseOffset()).isZero();
    assertFailsWith(after, Reason.NOT_OWNER);
  }

  @Test
  void shouldRejectInvalidBatchesBeforeStaging() {
    // Given
    PartitionLog log = ctx.open(new LogConfig(500, false), 1);
    ByteBuffer corrupt = plain(1, 10);
    corrupt.put(corrupt.limit() - 1, (byte) (corrupt.get(corrupt.limit() - 1) ^ 1));
    // When
    CompletableFuture<AppendResult> bad = log.append(corrupt);
    CompletableFuture<AppendResult> large = log.append(plain(1, 600));
    CompletableFuture<AppendResult> txn = log.append(LogTestBatches.transactional(7, (short) 0, 0));
    CompletableFuture<AppendResult> control =
        log.append(LogTestBatches.controlMarker(7, (short) 0));
    log.flush().join();
    // Then
    assertFailsWith(bad, Reason.CORRUPT_MESSAGE);
    assertFailsWith(large, Reason.MESSAGE_TOO_LARGE);
    assertFailsWith(txn, Reason.TRANSACTIONS_NOT_SUPPORTED);
    assertFailsWith(control, Reason.INVALID_RECORD);
    assertThat(log.highWatermark()).isZero();
    assertThat(ctx.store.size()).isZero();
  }

  @Test
  void shouldStampLogAppendTimeIntoTheStoredCopy() {
    // Given
    PartitionLog log = ctx.open(new LogConfig(LogConfig.DEFAULT_MAX_MESSAGE_BYTES, true), 1);
    long now = ctx.scheduler.clock().millis();
    // When
    CompletableFuture<AppendResult> f = log.append(plain(2, 10));
    log.flush().join();
    // Then
    assertThat(f.join().logAppendTimeMs()).isEqualTo(now);
    RecordBatch batch =
        LogTestBatches.parse(log.read(0, 1 << 20, true).join().batches()).getFirst();
    assertThat(batch.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
    assertThat(batch.maxTimestamp()).isEqualTo(now);
    assertThat(batch.isValid()).isTrue();
  }

  @Test
  void shouldNotifyHighWatermarkListenersAfterEachCommit() throws Exception {
    // Given
    PartitionLog log = ctx.open();
    List<Long> seen = new ArrayList<>();
    AutoCloseable handle = log.onHighWatermark(seen::add);
    // When
    log.append(plain(2, 10));
    log.flush().join();
    log.append(plain(1, 10));
    log.flush().join();
    handle.close();
    log.append(plain(1, 10));
    log.flush().join();
    // Then
    assertThat(seen).containsExactly(2L, 3L);
  }

  @Test
  void shouldRecordFlushMetrics() {
    // Given
    PartitionLog log = ctx.open();
    // When
    log.append(plain(2, 10));
    log.append(plain(2, 10));
    log.flush().join();
    // Then
    assertThat(ctx.meters.get(StorageMeters.FLUSHES).counter().count()).isEqualTo(1);
    assertThat(ctx.meters.get(StorageMeters.FLUSH_BATCHES).summary().totalAmount()).isEqualTo(2);
    assertThat(ctx.meters.get(StorageMeters.PUT_LATENCY).timer().count()).isEqualTo(1);
    assertThat(ctx.meters.get(StorageMeters.COMMIT_LATENCY).timer().count()).isEqualTo(1);
    assertThat(StorageMeters.describe())
        .extracting(StorageMeters.Description::name)
        .allMatch(n -> n.startsWith("kafscale.storage."));
  }

  @Test
  void shouldFailTheFlushAndKeepFlushingWhenTheUploadThrowsSynchronously() {
    // Given an object store whose next create throws instead of returning a failed future
    PartitionLog log = ctx.open();
    boolean[] thrown = {false};
    ctx.store.faultPolicy(
        (op, key) -> {
          if (op == Operation.CREATE && !thrown[0]) {
            thrown[0] = true;
            throw new java.util.concurrent.RejectedExecutionException("upload pool shut down");
          }
          return CompletableFuture.completedFuture(null);
        });
    // When
    CompletableFuture<AppendResult> a = log.append(plain(1, 10));
    CompletableFuture<Void> failedFlush = log.flush();
    CompletableFuture<AppendResult> b = log.append(plain(1, 10));
    CompletableFuture<Void> laterFlush = log.flush();
    // Then the failed flush is answered and the next one still runs
    assertFailsWith(a, Reason.FLUSH_FAILED);
    assertFailsWith(failedFlush, Reason.FLUSH_FAILED);
    assertThat(laterFlush).isCompleted();
    assertThat(b.join().baseOffset()).isZero();
  }

  @Test
  void shouldFailInFlightRequestsWhenStorageThreadsRejectTheFlushOutcome() {
    // Given a flush in flight
    PartitionLog log = ctx.open();
    CompletableFuture<Void> gate = ctx.store.holdNext(Operation.CREATE);
    CompletableFuture<AppendResult> a = log.append(plain(1, 10));
    CompletableFuture<Void> flush = log.flush();
    // When the storage threads shut down before the upload answers
    ctx.scheduler.shutDown();
    gate.complete(null);
    // Then the flush's futures are still answered
    assertFailsWith(a, Reason.NOT_OWNER);
    assertFailsWith(flush, Reason.NOT_OWNER);
    assertFailsWith(log.append(plain(1, 10)), Reason.NOT_OWNER);
  }
}
