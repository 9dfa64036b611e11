/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.lease;

import io.kafscale.metadata.store.LeaseNotFoundException;
import io.kafscale.metadata.store.MetadataStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one metadata-store lease alive and knows, from its own clock, until when the lease is
 * certainly still alive: after each successful keep-alive it is valid until the time that
 * keep-alive was <em>sent</em> plus the TTL minus a safety margin. When that moment passes without
 * a newer successful keep-alive, or the store answers that the lease is gone, the keeper declares
 * the lease lost (once) and calls {@code onLost}: the broker must then stop writing under it before
 * the store can expire it. Keep-alives are sent every {@code ttl / 3}. Thread-safe.
 *
 * <p>States: NEW → GRANTING → KEEPING → (LOST | CLOSED | REVOKED); LOST → CLOSED/REVOKED keep the
 * loss. Once validity has passed it never comes back, even if a late keep-alive succeeds.
 */
public final class LeaseKeeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

  private enum State {
    NEW,
    GRANTING,
    KEEPING,
    LOST,
    CLOSED,
    REVOKED
  }

  private final MetadataStore store;
  private final Duration ttl;
  private final long validityMs;
  private final Duration interval;
  private final Clock clock;
  private final Runnable onLost;
  private final LeaseScheduler scheduler;
  private final Object lock = new Object();
  private State state = State.NEW; // guarded by lock
  private long leaseId; // guarded by lock
  private long validUntilMs = Long.MIN_VALUE; // guarded by lock

  /**
   * @param ttl the lease's time to live in the store
   * @param safetyMargin how long before the store could expire the lease this keeper declares it
   *     lost (must be less than {@code ttl / 3}... covers clock-rate drift and scheduling delay)
   * @param onLost called once, on the keeper's thread, when the lease is lost
   */
  public LeaseKeeper(
      MetadataStore store, Duration ttl, Duration safetyMargin, Clock clock, Runnable onLost) {
    this(store, ttl, safetyMargin, clock, onLost, LeaseScheduler.daemonThread("kafscale-lease"));
  }

  /**
   * As the public constructor, with the timer given (tests drive a manual one with the same clock).
   * The keeper owns {@code scheduler} and closes it when it stops.
   */
  public LeaseKeeper(
      MetadataStore store,
      Duration ttl,
      Duration safetyMargin,
      Clock clock,
      Runnable onLost,
      LeaseScheduler scheduler) {
    this.store = Objects.requireNonNull(store, "store");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.onLost = Objects.requireNonNull(onLost, "onLost");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(safetyMargin, "safetyMargin");
    this.interval = ttl.dividedBy(3);
    if (interval.toMillis() < 1
        || safetyMargin.isNegative()
        || safetyMargin.compareTo(interval) >= 0) {
      scheduler.close();
      throw new IllegalArgumentException(
          "lease ttl "
              + ttl
              + " must be at least 3 ms and safety margin "
              + safetyMargin
              + " in [0, ttl / 3)");
    }
    this.validityMs = ttl.toMillis() - safetyMargin.toMillis();
  }

  /** Grants the lease and starts keeping it alive; completes with its id. Call once. */
  public CompletableFuture<Long> start() {
    synchronized (lock) {
      if (state != State.NEW) {
        throw new IllegalStateException("lease keeper already started (" + state + ")");
      }
      state = State.GRANTING;
    }
    long sentMs = clock.millis();
    return store
        .grantLease(ttl)
        .thenApply(
            id -> {
              synchronized (lock) {
                leaseId = id;
                validUntilMs = sentMs + validityMs;
                if (state != State.GRANTING) {
                  return id; // closed while granting: the lease expires by itself
                }
                state = State.KEEPING;
              }
              scheduler.schedule(interval, this::keepAlive);
              scheduleExpiryCheck();
              return id;
            });
  }

  /** The lease id (after {@link #start()} completed). */
  public long leaseId() {
    synchronized (lock) {
      if (validUntilMs == Long.MIN_VALUE) {
        throw new IllegalStateException("lease not granted yet");
      }
      return leaseId;
    }
  }

  /** Whether the lease is certainly still alive in the store right now, by the keeper's clock. */
  public boolean isValid() {
    synchronized (lock) {
      return (state == State.KEEPING || state == State.CLOSED) && clock.millis() < validUntilMs;
    }
  }

  /** Stops the keep-alives and revokes the lease (its keys vanish at once). */
  public CompletableFuture<Void> revoke() {
    long id;
    synchronized (lock) {
      if (validUntilMs == Long.MIN_VALUE) {
        return CompletableFuture.failedFuture(new IllegalStateException("lease not granted yet"));
      }
      state = State.REVOKED;
      id = leaseId;
    }
    scheduler.close();
    CompletableFuture<Void> revoked;
    try {
      revoked = store.revokeLease(id);
    } catch (RuntimeException e) {
      revoked = CompletableFuture.failedFuture(e);
    }
    // An expired lease is as gone as a revoked one.
    return revoked.exceptionallyCompose(
        e ->
            unwrap(e) instanceof LeaseNotFoundException
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.failedFuture(unwrap(e)));
  }

  /** Stops the keep-alives without revoking (the lease expires by itself). Idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      if (state == State.NEW || state == State.GRANTING || state == State.KEEPING) {
        state = State.CLOSED;
      }
    }
    scheduler.close();
  }

  /** Runs on the keeper's thread every {@code ttl / 3} while keeping. */
  private void keepAlive() {
    long id;
    long sentMs;
    synchronized (lock) {
      if (state != State.KEEPING) {
        return;
      }
      id = leaseId;
      sentMs = clock.millis();
    }
    // The next one goes out on time even if this one hangs (etcd unreachable): any may succeed.
    scheduler.schedule(interval, this::keepAlive);
    CompletableFuture<Void> sent;
    try {
      sent = store.keepAlive(id);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete((v, e) -> keepAliveDone(id, sentMs, e));
  }

  private void keepAliveDone(long id, long sentMs, Throwable failure) {
    if (failure == null) {
      synchronized (lock) {
        // Validity that already passed stays passed: the loss is (being) declared.
        if (state == State.KEEPING && clock.millis() < validUntilMs) {
          validUntilMs = Math.max(validUntilMs, sentMs + validityMs);
        }
      }
      return;
    }
    Throwable cause = unwrap(failure);
    if (cause instanceof LeaseNotFoundException) {
      LOG.warn("lease gone in the metadata store leaseId={} error={}", id, cause.toString());
      scheduler.schedule(Duration.ZERO, this::declareLost); // onLost runs on the keeper's thread
    } else {
      LOG.warn("lease keep-alive failed, retrying leaseId={} error={}", id, cause.toString());
    }
  }

  private void scheduleExpiryCheck() {
    long delayMs;
    synchronized (lock) {
      delayMs = Math.max(0, validUntilMs - clock.millis());
    }
    scheduler.schedule(Duration.ofMillis(delayMs), this::checkExpiry);
  }

  /** One chain of these runs while keeping: it re-arms itself at the (extended) validity end. */
  private void checkExpiry() {
    synchronized (lock) {
      if (state != State.KEEPING) {
        return;
      }
      if (clock.millis() < validUntilMs) {
        long delayMs = validUntilMs - clock.millis();
        scheduler.schedule(Duration.ofMillis(delayMs), this::checkExpiry);
        return;
      }
    }
    declareLost();
  }

  private void declareLost() {
    long id;
    synchronized (lock) {
      if (state != State.KEEPING) {
        return;
      }
      state = State.LOST;
      id = leaseId;
    }
    LOG.warn("lease lost leaseId={}", id);
    try {
      onLost.run();
    } finally {
      scheduler.close();
    }
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
