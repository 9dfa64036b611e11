/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.lease;

import java.time.Duration;

/**
 * The timer a {@link LeaseKeeper} runs its keep-alives and expiry checks on: one thread (or a
 * test's manual twin), tasks run one at a time in due order. Thread-safe.
 */
public interface LeaseScheduler extends AutoCloseable {

  /** Runs {@code task} once after {@code delay}; after {@link #close()} the task is dropped. */
  void schedule(Duration delay, Runnable task);

  /** Drops pending tasks and stops the thread; a running task finishes. Idempotent. */
  @Override
  void close();

  /** A scheduler on its own daemon thread named {@code threadName}. */
  static LeaseScheduler daemonThread(String threadName) {
    return new ThreadLeaseScheduler(threadName);
  }
}
