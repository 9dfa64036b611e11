/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.lease;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link LeaseScheduler} on one daemon thread of its own. Thread-safe. */
final class ThreadLeaseScheduler implements LeaseScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadLeaseScheduler.class);

  private final ScheduledThreadPoolExecutor executor;

  ThreadLeaseScheduler(String threadName) {
    executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    // close() must drop pending timers, not run them, and must not interrupt a running onLost.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
  }

  @Override
  public void schedule(Duration delay, Runnable task) {
    try {
      executor.schedule(() -> runLogged(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Closed: the keeper is stopping, so the task has nothing left to do.
    }
  }

  private static void runLogged(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.warn("lease task failed error={}", e.toString(), e);
    }
  }

  @Override
  public void close() {
    executor.shutdown();
  }
}
