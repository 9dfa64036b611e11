/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.cluster;

import io.kafscale.metadata.lease.LeaseKeeper;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.registry.BrokerRegistry;
import io.kafscale.metadata.store.MetadataStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This broker's membership of the cluster: a lease kept alive by a {@link LeaseKeeper} and a
 * registration under it. When the lease is lost (store unreachable, process paused) listeners hear
 * it at once, so the broker stops writing before the store can expire the lease; the membership
 * then re-joins with a new lease and the same broker id. A broker whose allocated id was taken
 * while it was away cannot keep serving under its old id: {@code onFatal} is told, and the process
 * restarts. Thread-safe.
 */
public final class ClusterMembership implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterMembership.class);
  private static final Duration REJOIN_BACKOFF = Duration.ofMillis(500);

  /** Told about session changes; called on the membership's thread, must not block for long. */
  public interface Listener {
    /** The session's lease may be gone: stop writing under it now. */
    void sessionLost(BrokerSession lost);

    /** A new session (after a loss) is registered. */
    void sessionStarted(BrokerSession session);
  }

  private final MetadataStore store;
  private final BrokerRegistry registry;
  private final Duration ttl;
  private final Duration safetyMargin;
  private final Clock clock;
  private final Consumer<String> onFatal;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "kafscale-membership");
            t.setDaemon(true);
            return t;
          });
  private final boolean fixedId;
  private volatile BrokerRecord registration;
  private volatile BrokerSession session;
  private volatile LeaseKeeper keeper;
  private volatile boolean draining;
  private volatile boolean closed;

  /**
   * @param template this broker's registration; a negative id means "allocate one"
   * @param onFatal told when the broker cannot re-join under its id (the process should restart)
   */
  public ClusterMembership(
      MetadataStore store,
      BrokerRegistry registry,
      BrokerRecord template,
      Duration ttl,
      Duration safetyMargin,
      Clock clock,
      Consumer<String> onFatal) {
    this.store = store;
    this.registry = registry;
    this.ttl = ttl;
    this.safetyMargin = safetyMargin;
    this.clock = clock;
    this.onFatal = onFatal;
    this.registration = template;
    this.fixedId = template.brokerId() >= 0;
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  /** Grants the lease and registers; completes with the first session. */
  public CompletableFuture<BrokerSession> join() {
    return startSession(-1);
  }

  private CompletableFuture<BrokerSession> startSession(int preferredId) {
    LeaseKeeper[] self = new LeaseKeeper[1]; // the callback must name its own keeper
    LeaseKeeper next = new LeaseKeeper(store, ttl, safetyMargin, clock, () -> onLeaseLost(self[0]));
    self[0] = next;
    keeper = next;
    // An allocated id is asked for again as "allocate, preferring the old one", never taken over.
    BrokerRecord base = fixedId ? registration : registration.withBrokerId(-1);
    BrokerRecord wanted = draining ? base.asDraining() : base;
    return next.start()
        .thenCompose(lease -> registry.register(wanted, lease, preferredId))
        .thenApply(
            registered -> {
              registration = registered;
              BrokerSession started =
                  new BrokerSession(
                      registered.brokerId(), registered.incarnation(), next.leaseId());
              session = started;
              LOG.info(
                  "broker registered brokerId={} lease={} draining={}",
                  registered.brokerId(),
                  Long.toHexString(next.leaseId()),
                  registered.draining());
              if (!next.isValid()) {
                // Granted while the store was unreachable, it may expire any moment; its keeper
                // reported the loss before this session existed. Handle that now.
                onLeaseLost(next);
              }
              return started;
            })
        .whenComplete(
            (s, e) -> {
              if (e != null) {
                next.close();
              }
            });
  }

  /** The lease of {@code which} is lost; ignored unless it is the current session's keeper. */
  private synchronized void onLeaseLost(LeaseKeeper which) {
    BrokerSession lost = session;
    if (which != keeper || lost == null || closed) {
      return;
    }
    session = null;
    LOG.error(
        "broker lease lost, stopped writing brokerId={} lease={}",
        lost.brokerId(),
        Long.toHexString(lost.leaseId()));
    for (Listener l : listeners) {
      try {
        l.sessionLost(lost);
      } catch (RuntimeException e) {
        LOG.warn("session-lost listener failed error={}", e.toString());
      }
    }
    scheduleRejoin(lost);
  }

  private void scheduleRejoin(BrokerSession lost) {
    if (closed) {
      return;
    }
    thread.schedule(() -> rejoin(lost), REJOIN_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void rejoin(BrokerSession lost) {
    if (closed) {
      return;
    }
    int previousId = lost.brokerId();
    startSession(fixedId ? -1 : previousId)
        .whenComplete(
            (s, e) -> {
              if (e != null) {
                LOG.warn("broker re-join failed, retrying error={}", e.toString());
                scheduleRejoin(lost);
                return;
              }
              // The old lease may still live in the store (etcd keeps leases across its own
              // restart). Revoke it so the keys still attached to it (owner keys not re-claimed
              // yet, the controller key) are freed now rather than at its expiry; the registration
              // was just re-written under the new lease.
              store.revokeLease(lost.leaseId()).exceptionally(x -> null); // usually gone already
              if (s.brokerId() != previousId) {
                // Do not leave a registration behind that the controller would assign to.
                store.revokeLease(s.leaseId()).exceptionally(x -> null).join();
                onFatal.accept(
                    "broker id "
                        + previousId
                        + " was taken while this broker had lost its lease (now "
                        + s.brokerId()
                        + "); restarting");
              } else {
                listeners.forEach(l -> l.sessionStarted(s));
              }
            });
  }

  /** The current session, or null while the lease is lost. */
  public BrokerSession session() {
    return session;
  }

  /** Whether this broker may write under its session right now. */
  public boolean isValid() {
    LeaseKeeper k = keeper;
    return session != null && k != null && k.isValid();
  }

  /** The registered broker id (stable for the life of the process). */
  public int brokerId() {
    return registration.brokerId();
  }

  public BrokerRecord registration() {
    return registration;
  }

  public boolean isDraining() {
    return draining;
  }

  /** Marks this broker as draining, so the controller moves its partitions elsewhere. */
  public CompletableFuture<Boolean> markDraining() {
    draining = true;
    BrokerRecord drainingRecord = registration.asDraining();
    LeaseKeeper k = keeper;
    if (session == null || k == null) {
      return CompletableFuture.completedFuture(false);
    }
    registration = drainingRecord;
    return registry.update(drainingRecord, k.leaseId());
  }

  /** Revokes the lease (the registration and every owner key vanish at once) and stops. */
  public CompletableFuture<Void> leave() {
    closed = true;
    session = null;
    LeaseKeeper k = keeper;
    thread.shutdownNow();
    return k == null ? CompletableFuture.completedFuture(null) : k.revoke();
  }

  /** Stops keeping the lease alive without revoking it. Idempotent. */
  @Override
  public void close() {
    closed = true;
    thread.shutdownNow();
    LeaseKeeper k = keeper;
    if (k != null) {
      k.close();
    }
  }
}
