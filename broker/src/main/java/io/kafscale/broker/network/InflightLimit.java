/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.network;

/**
 * Hysteresis for per-connection back-pressure: pause reading once in-flight request bytes exceed
 * the limit, resume only when they fall to half of it, so a connection near the limit does not
 * flap. Pure; not thread-safe (one per connection, on its event loop).
 */
public final class InflightLimit {
  private final long maxBytes;
  private boolean paused;

  public InflightLimit(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    this.maxBytes = maxBytes;
  }

  /**
   * Updates the state for the current in-flight bytes.
   *
   * @return true when this call changed the state (paused → resumed or the reverse)
   */
  public boolean update(long inflightBytes) {
    boolean next = paused ? inflightBytes > maxBytes / 2 : inflightBytes > maxBytes;
    boolean changed = next != paused;
    paused = next;
    return changed;
  }

  public boolean isPaused() {
    return paused;
  }
}
