/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import static io.kafscale.storage.log.LogTestBatches.idempotent;
import static io.kafscale.storage.log.PartitionLogTest.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.log.StorageException.Reason;
import io.kafscale.storage.objectstore.ObjectStoreException;
import io.kafscale.storage.objectstore.memory.FaultPolicy.Operation;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Idempotent producers through the log: duplicates, gaps, epochs, failed flushes, reopen. */
class PartitionLogIdempotenceTest {

  private static final long PID = 42;
  private static final short EPOCH = 0;

  private final PartitionLogTestContext ctx = new PartitionLogTestContext();

  @Test
  void shouldAnswerACommittedDuplicateWithTheOriginalOffsets() {
    // Given
    PartitionLog log = ctx.open();
    log.append(LogTestBatches.plain(5, 10));
    CompletableFuture<AppendResult> original = log.append(idempotent(PID, EPOCH, 0, 3));
    log.flush().join();
    // When
    CompletableFuture<AppendResult> dup = log.append(idempotent(PID, EPOCH, 0, 3));
    log.flush().join();
    // Then
    assertThat(original.join()).isEqualTo(new AppendResult(5, 7, -1, 0));
    assertThat(dup.join()).isEqualTo(original.join());
    assertThat(log.highWatermark()).isEqualTo(8);
  }

  @Test
  void shouldAnswerAStagedDuplicateWhenTheOriginalCommits() {
    // Given
    PartitionLog log = ctx.open();
    CompletableFuture<AppendResult> original = log.append(idempotent(PID, EPOCH, 0, 2));
    // When
    CompletableFuture<AppendResult> dup = log.append(idempotent(PID, EPOCH, 0, 2));
    boolean dupDoneEarly = dup.isDone();
    log.flush().join();
    // Then
    assertThat(dupDoneEarly).isFalse();
    assertThat(dup.join()).isEqualTo(original.join());
    assertThat(log.highWatermark()).isEqualTo(2);
  }

  @Test
  void shouldRejectASequenceGap() {
    // Given
    PartitionLog log = ctx.open();
    log.append(idempotent(PID, EPOCH, 0, 2));
    // When
    CompletableFuture<AppendResult> gap = log.append(idempotent(PID, EPOCH, 5, 1));
    // Then
    assertFailsWith(gap, Reason.OUT_OF_ORDER_SEQUENCE);
  }

  @Test
  void shouldRejectAnOlderProducerEpoch() {
    // Given
    PartitionLog log = ctx.open();
    log.append(idempotent(PID, (short) 3, 0, 1));
    // When
    CompletableFuture<AppendResult> stale = log.append(idempotent(PID, (short) 2, 1, 1));
    // Then
    assertFailsWith(stale, Reason.INVALID_PRODUCER_EPOCH);
  }

  @Test
  void shouldAcceptTheProducersRetryAfterAFailedFlush() {
    // Given a flush that fails while a later batch of the same producer is staged behind it
    PartitionLog log = ctx.open();
    CompletableFuture<Void> gate = ctx.store.holdNext(Operation.CREATE);
    CompletableFuture<AppendResult> first = log.append(idempotent(PID, EPOCH, 0, 2));
    log.flush();
    CompletableFuture<AppendResult> second = log.append(idempotent(PID, EPOCH, 2, 2));
    CompletableFuture<AppendResult> other = log.append(LogTestBatches.plain(1, 10));
    // When
    gate.completeExceptionally(new ObjectStoreException("S3 down"));
    CompletableFuture<AppendResult> retryFirst = log.append(idempotent(PID, EPOCH, 0, 2));
    CompletableFuture<AppendResult> retrySecond = log.append(idempotent(PID, EPOCH, 2, 2));
    log.flush().join();
    // Then both of the producer's batches failed and their in-order resend is accepted gaplessly
    assertFailsWith(first, Reason.FLUSH_FAILED);
    assertFailsWith(second, Reason.FLUSH_FAILED);
    assertThat(other.join().baseOffset()).isZero();
    assertThat(retryFirst.join()).isEqualTo(new AppendResult(1, 2, -1, 0));
    assertThat(retrySecond.join()).isEqualTo(new AppendResult(3, 4, -1, 0));
  }

  @Test
  void shouldContinueProducerStateAfterReopenFromSnapshots() {
    // Given
    PartitionLog first = ctx.open();
    first.append(idempotent(PID, EPOCH, 0, 2));
    first.append(idempotent(PID, EPOCH, 2, 2));
    first.close();
    // When a new owner opens from what was committed
    PartitionLog second = ctx.reopen(2);
    CompletableFuture<AppendResult> dup = second.append(idempotent(PID, EPOCH, 2, 2));
    CompletableFuture<AppendResult> gap = second.append(idempotent(PID, EPOCH, 9, 1));
    CompletableFuture<AppendResult> next = second.append(idempotent(PID, EPOCH, 4, 1));
    second.flush().join();
    // Then
    assertThat(dup.join()).isEqualTo(new AppendResult(2, 3, -1, 0));
    assertFailsWith(gap, Reason.OUT_OF_ORDER_SEQUENCE);
    assertThat(next.join().baseOffset()).isEqualTo(4);
  }

  @Test
  void shouldCompleteFlushWaiterWhenAFailedFlushAlsoFailsEveryStagedBatch() {
    // Given a flush in flight for the producer and its next request staged behind it
    PartitionLog log = ctx.open();
    CompletableFuture<Void> gate = ctx.store.holdNext(Operation.CREATE);
    CompletableFuture<AppendResult> first = log.append(idempotent(PID, EPOCH, 0, 2));
    log.flush();
    CompletableFuture<AppendResult> second = log.append(idempotent(PID, EPOCH, 2, 2));
    CompletableFuture<Void> waiter = log.flush();
    // When the flush fails and takes the staged batch down with it
    gate.completeExceptionally(new ObjectStoreException("S3 down"));
    // Then the waiter is answered although nothing is left to flush
    assertFailsWith(first, Reason.FLUSH_FAILED);
    assertFailsWith(second, Reason.FLUSH_FAILED);
    assertFailsWith(waiter, Reason.FLUSH_FAILED);
    assertThat(log.flush()).isCompleted();
  }

  @Test
  void shouldRejectANewProducersPipelinedRequestAfterItsFirstFlushFailed() {
    // Given a new producer whose first request failed to flush
    PartitionLog log = ctx.open();
    CompletableFuture<Void> gate = ctx.store.holdNext(Operation.CREATE);
    CompletableFuture<AppendResult> first = log.append(idempotent(PID, EPOCH, 0, 5));
    log.flush();
    gate.completeExceptionally(new ObjectStoreException("S3 down"));
    // When its pipelined next request arrives before the retry
    CompletableFuture<AppendResult> pipelined = log.append(idempotent(PID, EPOCH, 5, 2));
    CompletableFuture<AppendResult> retryFirst = log.append(idempotent(PID, EPOCH, 0, 5));
    CompletableFuture<AppendResult> retrySecond = log.append(idempotent(PID, EPOCH, 5, 2));
    log.flush().join();
    // Then the pipelined request must wait for the retry, which commits first
    assertFailsWith(first, Reason.FLUSH_FAILED);
    assertFailsWith(pipelined, Reason.OUT_OF_ORDER_SEQUENCE);
    assertThat(retryFirst.join()).isEqualTo(new AppendResult(0, 4, -1, 0));
    assertThat(retrySecond.join()).isEqualTo(new AppendResult(5, 6, -1, 0));
  }
}
