/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks one at a time in submission order: the next task starts when the previous
 * task's future completes. Tasks run on the submitting thread or on the thread that completed the
 * previous task's future. Thread-safe.
 */
final class SerialQueue {
  private final ArrayDeque<Supplier<CompletableFuture<?>>> tasks = new ArrayDeque<>();
  private boolean running;

  /** Queues {@code task}; the returned future completes as the task's future does. */
  <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Supplier<CompletableFuture<?>> wrapped =
        () -> {
          CompletableFuture<T> f;
          try {
            f = task.get();
          } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
          }
          return f.whenComplete(
              (v, e) -> {
                if (e != null) {
                  result.completeExceptionally(e);
                } else {
                  result.complete(v);
                }
              });
        };
    synchronized (this) {
      tasks.add(wrapped);
      if (running) {
        return result;
      }
      running = true;
    }
    drain();
    return result;
  }

  private void drain() {
    while (true) {
      Supplier<CompletableFuture<?>> next;
      synchronized (this) {
        next = tasks.poll();
        if (next == null) {
          running = false;
          return;
        }
      }
      CompletableFuture<?> f = next.get();
      if (!f.isDone()) {
        f.whenComplete((v, e) -> drain());
        return;
      }
    }
  }
}
