/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates the named daemon threads of the local stores (watch dispatch, writer, callbacks). */
public final class StoreThreads {
  private StoreThreads() {}

  public static ThreadFactory factory(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The single thread on which a store delivers watch events, in order. */
  public static ExecutorService watchDispatcher() {
    return Executors.newSingleThreadExecutor(factory("kafscale-metadata-watch"));
  }
}
