/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: every state change of one
 * partition log goes through one of these, so the log's state needs no locks. Thread-safe. A task
 * submitted while a task of the same executor runs on the current thread is queued, never run
 * re-entrantly.
 */
final class SerialExecutor implements Executor {

  private static final ThreadLocal<SerialExecutor> RUNNING = new ThreadLocal<>();

  private final Executor delegate;
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private boolean active;

  SerialExecutor(Executor delegate) {
    this.delegate = delegate;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      queue.add(task);
      if (active) {
        return;
      }
      active = true;
    }
    try {
      delegate.execute(this::drain);
    } catch (RejectedExecutionException e) {
      // Stay usable as "rejecting": otherwise later tasks would queue silently and never run.
      // Tasks queued by other threads in the meantime still get run, here, in order.
      boolean others;
      synchronized (this) {
        queue.remove(task);
        others = !queue.isEmpty();
        if (!others) {
          active = false;
        }
      }
      if (others) {
        drain();
      }
      throw e;
    }
  }

  /**
   * Whether the calling thread is running a task of any serial executor (blocking there could
   * starve the shared storage threads).
   */
  static boolean onStorageThread() {
    return RUNNING.get() != null;
  }

  /** Whether the calling thread is running a task of this executor. */
  boolean inExecutor() {
    return RUNNING.get() == this;
  }

  private void drain() {
    SerialExecutor previous = RUNNING.get();
    RUNNING.set(this);
    try {
      while (true) {
        Runnable next;
        synchronized (this) {
          next = queue.poll();
          if (next == null) {
            active = false;
            return;
          }
        }
        try {
          next.run();
        } catch (RuntimeException e) {
          // A task must not kill the partition's executor; tasks complete their own futures.
          org.slf4j.LoggerFactory.getLogger(SerialExecutor.class).error("storage task failed", e);
        }
      }
    } finally {
      RUNNING.set(previous);
    }
  }
}
