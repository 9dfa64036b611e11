/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.ManualScheduler;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.storage.log.AppendResult;
import io.kafscale.storage.log.EpochEndOffset;
import io.kafscale.storage.log.LogConfig;
import io.kafscale.storage.log.PartitionId;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.log.ReadResult;
import io.kafscale.storage.log.TimestampedOffset;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

class FetchWaiterTest {
  private final ManualScheduler scheduler = new ManualScheduler(new ManualClock());

  /** Only what a waiter uses: the high watermark and its listeners. */
  private static final class WatchedLog implements PartitionLog {
    final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
    volatile long hw;

    void commit(long newHw) {
      hw = newHw;
      listeners.forEach(l -> l.accept(newHw));
    }

    @Override
    public long highWatermark() {
      return hw;
    }

    @Override
    public AutoCloseable onHighWatermark(LongConsumer listener) {
      listeners.add(listener);
      return () -> listeners.remove(listener);
    }

    @Override
    public PartitionId id() {
      return new PartitionId("t", 0);
    }

    @Override
    public int epoch() {
      return 1;
    }

    @Override
    public CompletableFuture<AppendResult> append(ByteBuffer records) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<ReadResult> read(long offset, int maxBytes, boolean minOneBatch) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long logStartOffset() {
      return 0;
    }

    @Override
    public CompletableFuture<Optional<ByteBuffer>> firstBatchWithTimestampAtLeast(long timestamp) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<TimestampedOffset> maxTimestamp() {
      return Optional.empty();
    }

    @Override
    public EpochEndOffset endOffsetForEpoch(int leaderEpoch) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> flush() {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<io.kafscale.storage.log.RetentionPlan> trim(
        io.kafscale.storage.log.TrimRequest request) {
      throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public void updateConfig(LogConfig config) {}

    @Override
    public void close() {}

    @Override
    public boolean isOpen() {
      return true;
    }
  }

  @Test
  void shouldWakeOnceWithDataAndRemoveListenersAndTimer() {
    // Given
    WatchedLog a = new WatchedLog();
    WatchedLog b = new WatchedLog();
    FetchWaiter waiter = FetchWaiter.park(Map.of(a, 0L, b, 0L), Duration.ofSeconds(5), scheduler);
    // When
    b.commit(3);
    a.commit(4);
    scheduler.advance(Duration.ofSeconds(10));
    // Then
    assertThat(waiter.result()).isCompletedWithValue(FetchWaiter.Wake.DATA);
    assertThat(a.listeners).isEmpty();
    assertThat(b.listeners).isEmpty();
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void shouldTimeOutWhenNothingIsCommitted() {
    // Given
    WatchedLog a = new WatchedLog();
    FetchWaiter waiter = FetchWaiter.park(Map.of(a, 0L), Duration.ofMillis(100), scheduler);
    // When
    scheduler.advance(Duration.ofMillis(99));
    boolean early = waiter.result().isDone();
    scheduler.advance(Duration.ofMillis(1));
    // Then
    assertThat(early).isFalse();
    assertThat(waiter.result()).isCompletedWithValue(FetchWaiter.Wake.TIMEOUT);
    assertThat(a.listeners).isEmpty();
  }

  @Test
  void shouldWakeAtOnceWhenTheHighWatermarkMovedBeforeParking() {
    // Given a commit between the fetch's read (hw 0) and the park
    WatchedLog a = new WatchedLog();
    a.hw = 2;
    // When
    FetchWaiter waiter = FetchWaiter.park(Map.of(a, 0L), Duration.ofSeconds(5), scheduler);
    // Then
    assertThat(waiter.result()).isCompletedWithValue(FetchWaiter.Wake.DATA);
    assertThat(scheduler.pending()).isZero();
  }
}
