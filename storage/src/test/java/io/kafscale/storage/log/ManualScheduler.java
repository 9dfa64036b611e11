/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Test scheduler: {@link #execute} runs tasks at once on the calling thread, delayed tasks run only
 * when the test moves the manual {@link #clock()} with {@link #advance}.
 */
final class ManualScheduler implements LogScheduler {

  private record Timed(long dueMs, Runnable task, boolean[] cancelled) {}

  private final ManualClock clock = new ManualClock();
  private final List<Timed> timed = new ArrayList<>();
  private volatile boolean shutDown;

  Clock clock() {
    return clock;
  }

  @Override
  public void execute(Runnable task) {
    if (shutDown) {
      throw new RejectedExecutionException("storage threads are shut down");
    }
    task.run();
  }

  /** From now on {@link #execute} rejects every task, like a shut-down executor. */
  void shutDown() {
    shutDown = true;
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, Duration delay) {
    boolean[] cancelled = {false};
    timed.add(new Timed(clock.millis() + delay.toMillis(), task, cancelled));
    return () -> cancelled[0] = true;
  }

  /** Moves time forward and runs every task that became due, in due order. */
  void advance(Duration by) {
    clock.now += by.toMillis();
    while (true) {
      Timed next;
      synchronized (this) {
        next =
            timed.stream()
                .filter(t -> t.dueMs() <= clock.now)
                .min((a, b) -> Long.compare(a.dueMs(), b.dueMs()))
                .orElse(null);
        if (next == null) {
          return;
        }
        timed.remove(next);
      }
      if (!next.cancelled()[0]) {
        next.task().run();
      }
    }
  }

  synchronized long pendingTimers() {
    return timed.stream().filter(t -> !t.cancelled()[0]).count();
  }

  static final class ManualClock extends Clock {
    volatile long now = LogTestBatches.TIMESTAMP + 1_000_000;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(now);
    }

    @Override
    public long millis() {
      return now;
    }
  }
}
