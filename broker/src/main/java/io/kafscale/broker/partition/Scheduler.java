/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import java.time.Duration;

/** Port that runs a task once after a delay (long-poll timers, produce timeouts). Thread-safe. */
public interface Scheduler {

  /** Runs {@code task} once after {@code delay} on a scheduler thread, unless cancelled first. */
  Cancellable schedule(Duration delay, Runnable task);

  /** Handle of a scheduled task; cancelling an already run or cancelled task does nothing. */
  interface Cancellable {
    void cancel();
  }
}
