/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import io.kafscale.storage.log.PartitionLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A parked long-poll fetch: completes {@link #result()} exactly once, with {@link Wake#DATA} when
 * the high watermark of any watched partition moves past what the fetch saw, or {@link
 * Wake#TIMEOUT} when the max wait passes. Listeners and the timer are removed on completion; no
 * polling. Thread-safe; the future completes on a storage or scheduler thread.
 */
public final class FetchWaiter {
  private static final Logger LOG = LoggerFactory.getLogger(FetchWaiter.class);

  /** Why the waiter woke up. */
  public enum Wake {
    DATA,
    TIMEOUT
  }

  private final CompletableFuture<Wake> result = new CompletableFuture<>();
  private final AtomicBoolean done = new AtomicBoolean();
  private final List<AutoCloseable> listeners = new ArrayList<>();
  private Scheduler.Cancellable timer;

  private FetchWaiter() {}

  /**
   * Parks until a watched log's high watermark differs from {@code seenHighWatermarks} (checked
   * again after registering, so a commit between the read and the park is not missed) or {@code
   * maxWait} passes.
   */
  public static FetchWaiter park(
      Map<PartitionLog, Long> seenHighWatermarks, Duration maxWait, Scheduler scheduler) {
    FetchWaiter waiter = new FetchWaiter();
    synchronized (waiter) {
      for (PartitionLog log : seenHighWatermarks.keySet()) {
        waiter.listeners.add(log.onHighWatermark(hw -> waiter.complete(Wake.DATA)));
      }
      waiter.timer = scheduler.schedule(maxWait, () -> waiter.complete(Wake.TIMEOUT));
    }
    if (waiter.done.get()) {
      waiter.cleanup(); // woke while registering: drop what was registered after the wake-up
    }
    for (Map.Entry<PartitionLog, Long> e : seenHighWatermarks.entrySet()) {
      if (e.getKey().highWatermark() != e.getValue()) {
        waiter.complete(Wake.DATA);
        break;
      }
    }
    return waiter;
  }

  public CompletableFuture<Wake> result() {
    return result;
  }

  private void complete(Wake wake) {
    if (!done.compareAndSet(false, true)) {
      return;
    }
    cleanup();
    result.complete(wake);
  }

  private synchronized void cleanup() {
    for (AutoCloseable listener : listeners) {
      try {
        listener.close();
      } catch (Exception e) {
        LOG.debug("high watermark listener close failed error={}", e.toString());
      }
    }
    listeners.clear();
    if (timer != null) {
      timer.cancel();
    }
  }
}
