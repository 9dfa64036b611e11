/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.file;

import io.kafscale.storage.objectstore.ObjectStoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the blocking file I/O of a local object store on virtual threads it owns and maps failures
 * onto the store port's exceptions: I/O errors become {@link ObjectStoreException} naming the
 * operation, store exceptions and bad arguments pass through. Thread-safe.
 */
final class BlockingTasks implements AutoCloseable {

  @FunctionalInterface
  interface IoTask<T> {
    T run() throws IOException;
  }

  private final ExecutorService executor;

  BlockingTasks(String threadPrefix) {
    this.executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(threadPrefix, 0).factory());
  }

  <T> CompletableFuture<T> submit(String op, String what, IoTask<T> task) {
    CompletableFuture<T> future = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            try {
              future.complete(task.run());
            } catch (ObjectStoreException | IllegalArgumentException e) {
              future.completeExceptionally(e);
            } catch (IOException | UncheckedIOException e) {
              future.completeExceptionally(
                  new ObjectStoreException(op + " failed for " + what + ": " + e, e));
            } catch (RuntimeException | Error e) {
              future.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      future.completeExceptionally(new ObjectStoreException("Object store is closed", e));
    }
    return future;
  }

  /** Stops accepting tasks and waits for the running ones. */
  @Override
  public void close() {
    executor.close();
  }
}
