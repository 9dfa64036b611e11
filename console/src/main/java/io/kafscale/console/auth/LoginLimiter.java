/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A console-wide limit on failed logins: at most {@code maxFailures} in any sliding minute. Past
 * it, every login (right or wrong) is refused until old failures leave the window, so password
 * guessing is bounded no matter how many connections the guesser opens. The per-request delay alone
 * only slows one connection. Global rather than per client address: behind a proxy or ingress every
 * browser shares one address anyway. Thread-safe.
 */
public final class LoginLimiter {
  static final Duration WINDOW = Duration.ofMinutes(1);

  private final int maxFailures;
  private final Clock clock;
  private final Deque<Long> failures = new ArrayDeque<>();

  public LoginLimiter(int maxFailures, Clock clock) {
    this.maxFailures = maxFailures;
    this.clock = clock;
  }

  /** Whether a login attempt may be checked now. */
  public synchronized boolean allowed() {
    prune(clock.millis());
    return failures.size() < maxFailures;
  }

  /** Records a failed login. */
  public synchronized void failed() {
    long now = clock.millis();
    prune(now);
    failures.addLast(now);
  }

  /** Seconds until the oldest failure leaves the window (for Retry-After). */
  public synchronized long retryAfterSeconds() {
    Long oldest = failures.peekFirst();
    if (oldest == null) {
      return 0;
    }
    long ms = oldest + WINDOW.toMillis() - clock.millis();
    return Math.max(1, (ms + 999) / 1000);
  }

  private void prune(long now) {
    while (!failures.isEmpty() && failures.peekFirst() <= now - WINDOW.toMillis()) {
      failures.removeFirst();
    }
  }
}
