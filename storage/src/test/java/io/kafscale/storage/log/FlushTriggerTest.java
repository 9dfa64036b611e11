/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import static io.kafscale.storage.log.LogTestBatches.plain;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.objectstore.memory.FaultPolicy.Operation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The idle ("group commit") flush trigger and the index-less small segment. */
class FlushTriggerTest {

  @Test
  void shouldFlushAtOnceWhenIdleAndStagedBytesReachIdleThreshold() {
    // Given a long age trigger and an idle threshold below one request
    PartitionLogTestContext ctx =
        new PartitionLogTestContext().flushMaxAge(Duration.ofHours(1)).idleFlushBytes(1_000);
    PartitionLog log = ctx.open();
    // When
    CompletableFuture<AppendResult> f = log.append(plain(2, 1_000));
    // Then it is committed without any time passing
    assertThat(f.join()).isEqualTo(new AppendResult(0, 1, -1, 0));
    assertThat(ctx.scheduler.pendingTimers()).isZero();
  }

  @Test
  void shouldWaitForAgeWhenStagedBytesStayBelowIdleThreshold() {
    // Given
    PartitionLogTestContext ctx =
        new PartitionLogTestContext().flushMaxAge(Duration.ofMillis(50)).idleFlushBytes(10_000);
    PartitionLog log = ctx.open();
    // When
    CompletableFuture<AppendResult> f = log.append(plain(1, 100));
    boolean doneBeforeAge = f.isDone();
    ctx.advance(Duration.ofMillis(50));
    // Then
    assertThat(doneBeforeAge).isFalse();
    assertThat(f.join().baseOffset()).isZero();
  }

  @Test
  void shouldCollectAppendsArrivingDuringAFlushIntoTheNextFlush() {
    // Given an eager log (no delay after a flush) whose first segment upload hangs
    PartitionLogTestContext ctx = earlyFlushing(Duration.ZERO);
    PartitionLog log = ctx.open();
    CompletableFuture<Void> gate = ctx.store.holdNext(Operation.CREATE);
    CompletableFuture<AppendResult> a = log.append(plain(1, 1_000));
    // When two more requests arrive while it is in flight
    CompletableFuture<AppendResult> b = log.append(plain(1, 1_000));
    CompletableFuture<AppendResult> c = log.append(plain(1, 1_000));
    long createsWhileHeld = ctx.store.count(Operation.CREATE);
    gate.complete(null);
    // Then they share one second flush, started as soon as the first one committed
    assertThat(createsWhileHeld).isEqualTo(1);
    assertThat(List.of(a.join().baseOffset(), b.join().baseOffset(), c.join().baseOffset()))
        .containsExactly(0L, 1L, 2L);
    assertThat(ctx.committer.segments(PartitionLogTestContext.PARTITION)).hasSize(2);
  }

  @Test
  void shouldFlushAsSoonAsTheWholeWindowIsStagedAgain() {
    // Given a first flush (a) that hangs while b and c arrive: a window of 3,000 bytes
    PartitionLogTestContext ctx = earlyFlushing(Duration.ofMillis(5));
    PartitionLog log = ctx.open();
    CompletableFuture<Void> gate = ctx.store.holdNext(Operation.CREATE);
    CompletableFuture<AppendResult> a = log.append(plain(1, 1_000));
    CompletableFuture<AppendResult> b = log.append(plain(1, 1_000));
    CompletableFuture<AppendResult> c = log.append(plain(1, 1_000));
    gate.complete(null);
    a.join();
    ctx.advance(Duration.ofMillis(1));
    boolean waitingForTheWindow = !b.isDone();
    // When the request a's ack released arrives, well within the delay
    CompletableFuture<AppendResult> d = log.append(plain(1, 1_000));
    // Then b, c and d share the second flush at once
    assertThat(waitingForTheWindow).isTrue();
    assertThat(List.of(b.join().baseOffset(), c.join().baseOffset(), d.join().baseOffset()))
        .containsExactly(1L, 2L, 3L);
    assertThat(ctx.committer.segments(PartitionLogTestContext.PARTITION)).hasSize(2);
    assertThat(ctx.scheduler.pendingTimers()).isZero();
  }

  @Test
  void shouldFlushAtTheIdleDelayWhenTheWindowDoesNotComeBack() {
    // Given the same window of 3,000 bytes, of which only 2,000 are staged again
    PartitionLogTestContext ctx = earlyFlushing(Duration.ofMillis(5));
    PartitionLog log = ctx.open();
    CompletableFuture<Void> gate = ctx.store.holdNext(Operation.CREATE);
    log.append(plain(1, 1_000));
    CompletableFuture<AppendResult> b = log.append(plain(1, 1_000));
    CompletableFuture<AppendResult> c = log.append(plain(1, 1_000));
    gate.complete(null);
    // When the producer sends nothing more
    ctx.advance(Duration.ofMillis(4));
    boolean doneBeforeDelay = b.isDone();
    ctx.advance(Duration.ofMillis(1));
    // Then the delay bounds the wait
    assertThat(doneBeforeDelay).isFalse();
    assertThat(List.of(b.join().baseOffset(), c.join().baseOffset())).containsExactly(1L, 2L);
  }

  @Test
  void shouldFlushWhenTheWindowIsBackOnlyAboveTheIdleFloor() {
    // Given
    FlushPolicy policy =
        new FlushPolicy(1_000_000, Duration.ofMillis(10), 64, Duration.ofMillis(5));
    // Then: staged 100 of a 100-byte window, 1 ms after the last flush ended at 0
    assertThat(policy.shouldFlush(100, 0, 0, 100, 1)).isTrue();
    assertThat(policy.shouldFlush(99, 0, 0, 100, 1)).as("window not back yet").isFalse();
    assertThat(policy.shouldFlush(100, 0, 0, 0, 1)).as("no window known").isFalse();
    assertThat(policy.shouldFlush(63, 0, 0, 50, 1)).as("below the idle floor").isFalse();
    assertThat(policy.shouldFlush(99, 0, 0, 100, 5)).as("idle delay over").isTrue();
  }

  /** A log that flushes early from 1,000 staged bytes and never by age. */
  private static PartitionLogTestContext earlyFlushing(Duration idleDelay) {
    return new PartitionLogTestContext()
        .flushMaxAge(Duration.ofHours(1))
        .idleFlushBytes(1_000)
        .idleFlushDelay(idleDelay);
  }

  @Test
  void shouldWriteNoIndexObjectForSegmentsReadWhole() {
    // Given
    PartitionLogTestContext ctx = new PartitionLogTestContext();
    PartitionLog log = ctx.open();
    // When
    log.append(plain(3, 100));
    log.flush().join();
    // Then
    SegmentRef ref = ctx.committer.segments(PartitionLogTestContext.PARTITION).getFirst();
    assertThat(ref.indexKey()).isNull();
    assertThat(ctx.store.size()).isEqualTo(1);
    assertThat(log.read(0, Integer.MAX_VALUE, true).join().batches()).hasSize(1);
  }

  @Test
  void shouldWriteIndexObjectForSegmentsReadByRange() {
    // Given segments above the whole-read size
    PartitionLogTestContext ctx = new PartitionLogTestContext().wholeSegmentMax(1_000);
    PartitionLog log = ctx.open();
    // When
    log.append(plain(3, 1_000));
    log.flush().join();
    // Then
    SegmentRef ref = ctx.committer.segments(PartitionLogTestContext.PARTITION).getFirst();
    assertThat(ref.indexKey()).isNotNull();
    assertThat(ctx.store.size()).isEqualTo(2);
  }

  @Test
  void shouldTreatAnEmptyIndexKeyAsNone() {
    // When
    SegmentRef ref = SegmentRef.flushed("k", "", 0, 10, 0, 0, 0, 1, 0, 0);
    // Then
    assertThat(ref.indexKey()).isNull();
  }

  @Test
  void shouldApplyIdleThresholdOnlyThroughPolicyDecision() {
    // Given
    FlushPolicy policy =
        new FlushPolicy(1_000_000, Duration.ofMillis(10), 64, Duration.ofMillis(2));
    long longAgo = -100;
    // Then
    assertThat(policy.shouldFlush(63, 0, longAgo, 0, 9)).isFalse();
    assertThat(policy.shouldFlush(64, 0, longAgo, 0, 0)).isTrue();
    assertThat(policy.shouldFlush(64, 0, 0, 0, 1)).as("within the idle delay").isFalse();
    assertThat(policy.shouldFlush(64, 0, 0, 0, 2)).isTrue();
    assertThat(policy.shouldFlush(1, 0, longAgo, 0, 10)).isTrue();
    assertThat(policy.shouldFlush(0, 0, longAgo, 0, 10)).isFalse();
    assertThat(policy.shouldFlush(1_000_000, 0, 0, 0, 0)).as("size trigger").isTrue();
    assertThat(new FlushPolicy(1_000, Duration.ofMillis(10)).shouldFlush(999, 0, longAgo, 0, 9))
        .isFalse();
  }
}
