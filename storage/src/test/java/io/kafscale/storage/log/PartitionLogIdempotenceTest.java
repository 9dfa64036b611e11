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

  @Test
  void shouldNotLetALaterBatchOvertakeTheFirstBatchesOfAProducerNewHere() {
    // Given a new owner and a producer whose first batches (0..4) are still in flight to the
    // previous, paused owner while its next batch already reaches this one
    PartitionLog log = ctx.open();
    CompletableFuture<AppendResult> overtaking = log.append(idempotent(PID, EPOCH, 5, 1));
    // When the first batches time out there and are retried here, in order, then the next one
    CompletableFuture<AppendResult> first = log.append(idempotent(PID, EPOCH, 0, 5));
    CompletableFuture<AppendResult> next = log.append(idempotent(PID, EPOCH, 5, 1));
    log.flush().join();
    // Then the overtaking batch was refused (the client retries it) and everything is in order
    assertFailsWith(overtaking, Reason.OUT_OF_ORDER_SEQUENCE);
    assertThat(first.join()).isEqualTo(new AppendResult(0, 4, -1, 0));
    assertThat(next.join()).isEqualTo(new AppendResult(5, 5, -1, 0));
  }

  @Test
  void shouldAnswerARetryCommittedBeforeTheKeptBatchesAsADuplicate() {
    // Given an owner that committed the producer's batches 0..4 but froze before answering
    PartitionLog first = ctx.open();
    for (int seq = 0; seq < 5; seq++) {
      first.append(idempotent(PID, EPOCH, seq, 1));
    }
    first.close();
    // And a new owner where the producer's next batches committed meanwhile
    PartitionLog second = ctx.reopen(2);
    for (int seq = 5; seq < 11; seq++) {
      second.append(idempotent(PID, EPOCH, seq, 1));
    }
    second.flush().join();
    // When the first batches time out at the old owner and are retried here
    CompletableFuture<AppendResult> retry = second.append(idempotent(PID, EPOCH, 0, 1));
    second.flush().join();
    // Then they are duplicates (clients count them as written), nothing is written twice
    assertFailsWith(retry, Reason.DUPLICATE_SEQUENCE);
    assertThat(second.highWatermark()).isEqualTo(11);
  }
}
