/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api;

import io.kafscale.broker.partition.Scheduler;
import io.kafscale.metadata.store.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Scheduler} whose tasks run only when the test advances its clock. Thread-safe. */
public final class ManualScheduler implements Scheduler {
  private final ManualClock clock;
  private final List<Task> tasks = new ArrayList<>();

  private final class Task implements Cancellable {
    final long due;
    final Runnable run;

    Task(long due, Runnable run) {
      this.due = due;
      this.run = run;
    }

    @Override
    public void cancel() {
      synchronized (ManualScheduler.this) {
        tasks.remove(this);
      }
    }
  }

  public ManualScheduler(ManualClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    Task t = new Task(clock.millis() + delay.toMillis(), task);
    tasks.add(t);
    return t;
  }

  public synchronized int pending() {
    return tasks.size();
  }

  /** Moves the clock and runs the tasks that became due. */
  public void advance(Duration by) {
    clock.advance(by);
    List<Task> due = new ArrayList<>();
    synchronized (this) {
      for (Task t : List.copyOf(tasks)) {
        if (t.due <= clock.millis()) {
          tasks.remove(t);
          due.add(t);
        }
      }
    }
    due.forEach(t -> t.run.run());
  }
}
