/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.interbroker;

import java.time.Duration;

/**
 * Exponential reconnect backoff of one connection: each failure doubles the wait (from {@code
 * initial} up to {@code max}), a success resets it. Pure; not thread-safe (its connection guards
 * it).
 */
final class ReconnectBackoff {
  private final long initialMs;
  private final long maxMs;
  private int failures;

  ReconnectBackoff(Duration initial, Duration max) {
    this.initialMs = initial.toMillis();
    this.maxMs = max.toMillis();
  }

  /** Records a failure; returns how long to wait before the next attempt. */
  long onFailure() {
    long delay = initialMs << Math.min(failures, 20);
    failures++;
    return Math.min(delay, maxMs);
  }

  void onSuccess() {
    failures = 0;
  }
}
