/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The threads partition logs run on: {@link #execute} runs a task soon on a storage thread, {@link
 * #schedule} after a delay measured on the same clock the logs read. A port so tests can drive time
 * by hand. Implementations are thread-safe.
 */
public interface LogScheduler extends Executor {

  /** Runs {@code task} once after {@code delay}; the handle cancels it if it has not run yet. */
  Cancellable schedule(Runnable task, Duration delay);

  /** A scheduled task that may still be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }
}
