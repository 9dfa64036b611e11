/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.lease;

import io.kafscale.metadata.store.ManualClock;
import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A {@link LeaseScheduler} driven by a test: tasks run on the caller of {@link #advance}, in due
 * order, with the {@link ManualClock} moved to each task's due time first. Thread-safe.
 */
public final class ManualLeaseScheduler implements LeaseScheduler {
  private record Task(long dueMs, long seq, Runnable body) {}

  private final ManualClock clock;
  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(Comparator.comparingLong(Task::dueMs).thenComparingLong(Task::seq));
  private long seq;
  private boolean closed;

  public ManualLeaseScheduler(ManualClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void schedule(Duration delay, Runnable task) {
    if (!closed) {
      tasks.add(new Task(clock.millis() + Math.max(0, delay.toMillis()), seq++, task));
    }
  }

  /** Moves the clock forward by {@code d}, running every task that falls due on the way. */
  public void advance(Duration d) {
    long target = clock.millis() + d.toMillis();
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.dueMs() > target) {
          break;
        }
        tasks.poll();
      }
      if (next.dueMs() > clock.millis()) {
        clock.advance(Duration.ofMillis(next.dueMs() - clock.millis()));
      }
      next.body().run();
    }
    if (target > clock.millis()) {
      clock.advance(Duration.ofMillis(target - clock.millis()));
    }
  }

  /** Runs the tasks due now. */
  public void runDue() {
    advance(Duration.ZERO);
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  /** How many tasks wait. */
  public synchronized int pending() {
    return tasks.size();
  }

  @Override
  public synchronized void close() {
    closed = true;
    tasks.clear();
  }
}
