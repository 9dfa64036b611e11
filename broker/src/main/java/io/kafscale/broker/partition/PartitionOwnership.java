/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import io.kafscale.broker.partition.OwnershipDecisions.Action;
import io.kafscale.metadata.cluster.ClusterImage;
import io.kafscale.metadata.config.BrokerDefaults;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.OwnerRecord;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.metadata.registry.OwnedElsewhereException;
import io.kafscale.metadata.registry.PartitionRegistry;
import io.kafscale.storage.log.PartitionId;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.log.PartitionLogOpener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions this broker owns: claims the partitions the controller assigns here, opens their
 * logs from the committed state, hands partitions assigned elsewhere over (appends stop, staged
 * batches are flushed and committed, the log closes, the owner key is deleted so the new owner can
 * claim at once), and drops every log the moment the broker's lease may be lost. Decisions come
 * from {@link OwnershipDecisions}; this class only carries them out. {@link #reconcile()} is called
 * on every image change, session change and timer tick. Thread-safe.
 */
public final class PartitionOwnership implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionOwnership.class);

  private final PartitionRegistry registry;
  private final PartitionLogOpener opener;
  private final Supplier<ClusterImage> images;
  private final Supplier<BrokerSession> sessions;
  private final BooleanSupplier leaseValid;
  private final Consumer<String> completed;
  private final Map<PartitionRef, PartitionLog> logs = new ConcurrentHashMap<>();
  private final Map<PartitionRef, TopicRecord> openedWith = new ConcurrentHashMap<>();
  // The cluster-wide broker defaults last pushed to the open logs.
  private volatile Map<String, String> appliedDefaults = Map.of();
  // Partitions with a claim, release or close under way, and its completion.
  private final Map<PartitionRef, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
  // Closing a log waits for its final flush: never on a store or event-loop thread.
  private final ExecutorService closer =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "kafscale-partition-close");
            t.setDaemon(true);
            return t;
          });
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "kafscale-ownership");
            t.setDaemon(true);
            return t;
          });
  private final AtomicBoolean pending = new AtomicBoolean();
  // Serialises "is the session still ours? then serve the claimed log" against dropAll.
  private final Object sessionLock = new Object();
  private final Set<OpenWaiter> openWaiters = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;

  public PartitionOwnership(
      PartitionRegistry registry,
      PartitionLogOpener opener,
      Supplier<ClusterImage> images,
      Supplier<BrokerSession> sessions,
      BooleanSupplier leaseValid,
      Consumer<String> completed) {
    this.registry = registry;
    this.opener = opener;
    this.images = images;
    this.sessions = sessions;
    this.leaseValid = leaseValid;
    this.completed = completed;
  }

  /** Starts the periodic reconcile that retries failed claims and releases. */
  public void start(Duration tick) {
    worker.scheduleWithFixedDelay(
        this::reconcile, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    reconcile();
  }

  /**
   * The open log of a partition this broker owns, while its lease is certainly alive. A log that
   * closed itself because a commit was fenced is answered as absent (clients hear
   * NOT_LEADER_OR_FOLLOWER) and the partition is re-claimed if it is still assigned here.
   */
  public Optional<PartitionLog> log(String topic, int partition) {
    PartitionRef ref = new PartitionRef(topic, partition);
    PartitionLog log = logs.get(ref);
    if (log == null || !leaseValid.getAsBoolean()) {
      return Optional.empty();
    }
    if (!log.isOpen()) {
      if (logs.remove(ref, log)) {
        openedWith.remove(ref);
        LOG.warn(
            "partition log closed itself (fenced) topic={} partition={} epoch={}",
            topic,
            partition,
            log.epoch());
        reconcile();
      }
      return Optional.empty();
    }
    return Optional.of(log);
  }

  /**
   * Completes once every partition in {@code partitions} has an open log here (a claim's owner key
   * reaches the image a moment before the claimed log is open), or after {@code timeout}.
   */
  public CompletableFuture<Void> awaitOpen(Set<PartitionRef> partitions, Duration timeout) {
    OpenWaiter waiter = new OpenWaiter(Set.copyOf(partitions), new CompletableFuture<>());
    openWaiters.add(waiter);
    wakeOpenWaiters();
    return waiter
        .done()
        .completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((v, e) -> openWaiters.remove(waiter));
  }

  private void wakeOpenWaiters() {
    for (OpenWaiter w : openWaiters) {
      if (logs.keySet().containsAll(w.partitions())) {
        w.done().complete(null);
      }
    }
  }

  private record OpenWaiter(Set<PartitionRef> partitions, CompletableFuture<Void> done) {}

  /** How many partition logs are open here. */
  public int openCount() {
    return logs.size();
  }

  /** Whether every partition the image assigns to {@code self} has an open log here. */
  public boolean ownsAllAssigned(ClusterImage image, int self) {
    for (TopicRecord t : image.topics().values()) {
      for (int p = 0; p < t.partitionCount(); p++) {
        if (image.target(t.name(), p) == self && !logs.containsKey(new PartitionRef(t.name(), p))) {
          return false;
        }
      }
    }
    return true;
  }

  /** Brings the open logs in line with the latest image, soon, on the ownership thread. */
  public void reconcile() {
    if (closing || !pending.compareAndSet(false, true)) {
      return;
    }
    try {
      worker.execute(
          () -> {
            pending.set(false);
            reconcileNow();
          });
    } catch (RejectedExecutionException e) {
      pending.set(false); // closing
    }
  }

  private void reconcileNow() {
    BrokerSession session = sessions.get();
    if (closing || session == null) {
      return;
    }
    ClusterImage image = images.get();
    Map<PartitionRef, OwnershipDecisions.OpenLog> open = new HashMap<>();
    logs.forEach(
        (ref, log) -> {
          TopicRecord topic = openedWith.get(ref);
          if (topic != null) {
            open.put(ref, new OwnershipDecisions.OpenLog(log.epoch(), topic.topicId()));
          }
        });
    for (Action action :
        OwnershipDecisions.decide(image, session.brokerId(), open, inFlight.keySet())) {
      PartitionRef p = action.partition();
      CompletableFuture<Void> done =
          switch (action.kind()) {
            case CLAIM -> claim(p, image.topic(p.topic()).orElseThrow(), session);
            case RELEASE -> release(p, session);
            case DROP -> drop(p);
            case RELEASE_KEY -> releaseKey(p, action.staleOwner());
          };
      // No reconcile on completion: success changes the image (which triggers one), and a failed
      // or refused claim is retried by the periodic tick rather than in a tight loop.
      inFlight.put(p, done);
      done.whenComplete(
          (v, e) -> {
            inFlight.remove(p, done);
            if (e == null) {
              completed.accept(action.kind().name().toLowerCase(Locale.ROOT));
            } else {
              LOG.warn(
                  "partition {} failed topic={} partition={} error={}",
                  action.kind().name().toLowerCase(Locale.ROOT),
                  p.topic(),
                  p.partition(),
                  unwrap(e).toString());
            }
          });
    }
    updateConfigs(image);
  }

  private CompletableFuture<Void> claim(PartitionRef p, TopicRecord topic, BrokerSession session) {
    return registry
        .claim(p.topic(), p.partition(), session)
        .thenAccept(
            claimed -> {
              PartitionLog log =
                  opener.open(
                      new PartitionId(p.topic(), p.partition()),
                      claimed.leaderEpoch(),
                      TopicConfigs.logConfig(
                          BrokerDefaults.merge(topic.configs(), images.get().brokerDefaults())),
                      RecordMapping.toRecovered(claimed));
              synchronized (sessionLock) {
                if (closing || sessions.get() != session) {
                  closeLater(log); // lost the session while claiming: do not serve
                  return;
                }
                logs.put(p, log);
                openedWith.put(p, topic);
              }
              wakeOpenWaiters();
              LOG.info(
                  "partition claimed topic={} partition={} epoch={} highWatermark={}",
                  p.topic(),
                  p.partition(),
                  claimed.leaderEpoch(),
                  claimed.highWatermark());
            })
        .exceptionally(
            e -> {
              if (unwrap(e) instanceof OwnedElsewhereException) {
                return null; // the previous owner is still handing it over: wait for its release
              }
              throw new CompletionException(unwrap(e));
            });
  }

  private CompletableFuture<Void> release(PartitionRef p, BrokerSession session) {
    PartitionLog log = logs.remove(p);
    openedWith.remove(p);
    if (log == null) {
      return CompletableFuture.completedFuture(null);
    }
    LOG.info(
        "partition handing over topic={} partition={} epoch={}",
        p.topic(),
        p.partition(),
        log.epoch());
    return log.flush()
        .handle((v, e) -> null)
        .thenCompose(v -> closeLater(log))
        .thenCompose(v -> registry.release(p.topic(), p.partition(), session, log.epoch()));
  }

  /** Deletes an owner key of this broker id that no open log stands behind. */
  private CompletableFuture<Void> releaseKey(PartitionRef p, OwnerRecord stale) {
    LOG.info(
        "releasing a left-over owner key topic={} partition={} epoch={}",
        p.topic(),
        p.partition(),
        stale.leaderEpoch());
    // The compare is on the key's exact value, which the session of that incarnation would write.
    BrokerSession writer = new BrokerSession(stale.brokerId(), stale.incarnation(), 0);
    return registry.release(p.topic(), p.partition(), writer, stale.leaderEpoch());
  }

  private CompletableFuture<Void> drop(PartitionRef p) {
    PartitionLog log = logs.remove(p);
    openedWith.remove(p);
    if (log == null) {
      return CompletableFuture.completedFuture(null);
    }
    LOG.info(
        "partition dropped (deleted or taken over) topic={} partition={} epoch={}",
        p.topic(),
        p.partition(),
        log.epoch());
    return closeLater(log);
  }

  /**
   * Pushes the configs in force (topic overrides over cluster-wide defaults) to the open logs whose
   * topic configs, or the cluster-wide defaults, changed since they were last pushed.
   */
  private void updateConfigs(ClusterImage image) {
    Map<String, String> defaults = image.brokerDefaults();
    boolean defaultsChanged = !defaults.equals(appliedDefaults);
    appliedDefaults = defaults;
    openedWith.forEach(
        (p, opened) ->
            image
                .topic(p.topic())
                .filter(now -> defaultsChanged || !now.configs().equals(opened.configs()))
                .ifPresent(
                    now -> {
                      PartitionLog log = logs.get(p);
                      if (log != null && openedWith.replace(p, opened, now)) {
                        log.updateConfig(
                            TopicConfigs.logConfig(BrokerDefaults.merge(now.configs(), defaults)));
                      }
                    }));
  }

  /**
   * The lease may be gone: stop serving every partition at once. Their logs close in the
   * background; a commit that still succeeds proves the lease was alive when it was made.
   */
  public void dropAll() {
    Map<PartitionRef, PartitionLog> dropped;
    synchronized (sessionLock) {
      dropped = new HashMap<>(logs);
      logs.clear();
      openedWith.clear();
    }
    // Each stays in flight until its log has closed, so no new claim races its last flush.
    dropped.forEach(
        (p, log) -> {
          CompletableFuture<Void> closed = closeLater(log);
          inFlight.put(p, closed);
          closed.whenComplete((v, e) -> inFlight.remove(p, closed));
        });
    if (!dropped.isEmpty()) {
      LOG.warn("dropped every partition count={}", dropped.size());
    }
  }

  /**
   * Shutdown: flushes and closes every open log and releases its owner key (so a successor need not
   * wait for the lease to expire). Completes when all are done, including the claims and releases a
   * reconcile had already started (a drain releases partitions that way), so nothing they still
   * need is shut down under them.
   */
  public CompletableFuture<Void> releaseAll() {
    closing = true; // nothing may be claimed again behind the hand-over
    BrokerSession session = sessions.get();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (PartitionRef p : List.copyOf(logs.keySet())) {
      all.add(session == null ? drop(p) : release(p, session).exceptionally(e -> null));
    }
    inFlight.values().forEach(action -> all.add(action.exceptionally(e -> null)));
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }

  private CompletableFuture<Void> closeLater(PartitionLog log) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            log.close();
          } catch (RuntimeException e) {
            LOG.warn(
                "partition log close failed topic={} partition={} error={}",
                log.id().topic(),
                log.id().partition(),
                e.toString());
          }
        },
        closer);
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Stops reconciling and closes every log (flushing what is staged). */
  @Override
  public void close() {
    closing = true;
    for (PartitionLog log : List.copyOf(logs.values())) {
      try {
        log.close();
      } catch (RuntimeException e) {
        LOG.warn("partition log close failed error={}", e.toString());
      }
    }
    logs.clear();
    worker.shutdownNow();
    closer.shutdown();
  }
}
