/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store;

import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one revision's events to a watch listener for every store implementation: a listener that
 * throws is logged and the watch goes on, so one bad listener cannot stop the store's watch thread.
 */
public final class WatchDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(WatchDelivery.class);

  private WatchDelivery() {}

  /** Calls {@code listener} with {@code batch} (one revision's events, never empty). */
  public static void deliver(
      Consumer<List<WatchEvent>> listener, List<WatchEvent> batch, String prefix) {
    try {
      listener.accept(batch);
    } catch (RuntimeException e) {
      LOG.warn(
          "Watch listener failed prefix={} revision={} error={}",
          prefix,
          batch.get(0).revision(),
          e.toString(),
          e);
    }
  }
}
