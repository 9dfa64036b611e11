/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.cluster;

import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.store.CompactedRevisionException;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Watch;
import io.kafscale.metadata.store.WatchEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link ClusterImage} current from the metadata store: loads the brokers, controller,
 * topics, assignments and owners prefixes and the cluster-wide broker configs key, then follows
 * them with prefix watches, publishing a new image after every applied revision. Also re-reads
 * everything every {@code resyncInterval} (and at once when a watch is lost to compaction), so a
 * missed event cannot leave the image wrong for long. Thread-safe; listeners, await completions and
 * their callbacks run on the feed's own thread and must not block.
 *
 * <p>Every load (the first one and each resync) closes the watches, reads revision {@code R}, reads
 * the prefixes, replaces the state if the content differs, and re-opens the watches from {@code
 * R+1}. Re-opening the watches each time also revives a watch the store ended silently (an etcd
 * watch whose resume revision was compacted). A key put and deleted while a load reads may show for
 * one revision until the re-opened watch replays its delete.
 */
public final class ClusterImageFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterImageFeed.class);
  private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(1);

  private final MetadataStore store;
  private final List<String> prefixes;
  private final KeyLayout keys;
  private final Duration resyncInterval;
  private final Duration retryDelay;
  private final ScheduledThreadPoolExecutor feedThread;
  private final CompletableFuture<ClusterImage> started = new CompletableFuture<>();
  private final AtomicBoolean startRequested = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile ClusterImage current = ClusterImage.empty();

  // Confined to the feed thread.
  private final List<Subscriber> subscribers = new ArrayList<>();
  private final List<PendingAwait> awaits = new ArrayList<>();
  private final List<Watch> watches = new ArrayList<>();
  private ClusterImageBuilder builder;
  private long generation;
  private boolean loading;
  private boolean published;

  private record Snapshot(long revision, List<KeyValue> kvs) {}

  /** An await not yet satisfied; its timer is set once registered on the feed thread. */
  private static final class PendingAwait {
    final Predicate<ClusterImage> condition;
    final CompletableFuture<ClusterImage> result = new CompletableFuture<>();
    ScheduledFuture<?> timer;

    PendingAwait(Predicate<ClusterImage> condition) {
      this.condition = Objects.requireNonNull(condition, "condition");
    }
  }

  /** A listener registration; identity (not the listener's equals) decides what is removed. */
  private static final class Subscriber {
    final Consumer<ClusterImage> listener;

    Subscriber(Consumer<ClusterImage> listener) {
      this.listener = listener;
    }
  }

  public ClusterImageFeed(MetadataStore store, KeyLayout keys, Duration resyncInterval) {
    this.store = Objects.requireNonNull(store, "store");
    this.keys = Objects.requireNonNull(keys, "keys");
    if (resyncInterval.isNegative() || resyncInterval.isZero()) {
      throw new IllegalArgumentException("resyncInterval must be positive: " + resyncInterval);
    }
    this.resyncInterval = resyncInterval;
    this.retryDelay =
        resyncInterval.compareTo(MAX_RETRY_DELAY) < 0 ? resyncInterval : MAX_RETRY_DELAY;
    this.prefixes =
        List.of(
            keys.brokersPrefix(),
            keys.controller(),
            keys.topicsPrefix(),
            keys.assignmentsPrefix(),
            keys.ownersPrefix(),
            keys.brokerDefaultConfigs());
    this.feedThread =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("kafscale-cluster-image-feed").daemon(true).factory());
    feedThread.setRemoveOnCancelPolicy(true);
    feedThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Loads the image and starts the watches; completes with the first image. */
  public CompletableFuture<ClusterImage> start() {
    if (startRequested.compareAndSet(false, true) && !onFeedThread(this::reload)) {
      started.completeExceptionally(closedException());
    }
    return started;
  }

  /** The latest image ({@link ClusterImage#empty()} before {@link #start()} completes). */
  public ClusterImage current() {
    return current;
  }

  /**
   * Calls {@code listener} with every new image, in order, starting with the current one if the
   * feed has started. Returns a handle that removes the listener.
   */
  public AutoCloseable subscribe(Consumer<ClusterImage> listener) {
    Subscriber s = new Subscriber(Objects.requireNonNull(listener, "listener"));
    onFeedThread(
        () -> {
          subscribers.add(s);
          if (published) {
            notify(s, current);
          }
        });
    return () -> onFeedThread(() -> subscribers.remove(s));
  }

  /**
   * Completes with the first image (the current one included) that satisfies {@code condition}, or
   * exceptionally with {@code java.util.concurrent.TimeoutException} after {@code timeout}.
   */
  public CompletableFuture<ClusterImage> await(
      Predicate<ClusterImage> condition, Duration timeout) {
    PendingAwait await = new PendingAwait(condition);
    if (!onFeedThread(() -> register(await, timeout))) {
      await.result.completeExceptionally(closedException());
    }
    return await.result;
  }

  /** Stops the watches and the resync timer; pending awaits fail. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      feedThread.execute(this::shutDown);
    } catch (RejectedExecutionException e) {
      // Already shutting down.
    }
    feedThread.shutdown();
  }

  private void reload() {
    if (closed.get() || loading) {
      return;
    }
    loading = true;
    generation++;
    closeWatches();
    CompletableFuture<Snapshot> load;
    try {
      load =
          store
              .currentRevision()
              .thenCompose(
                  revision -> readPrefixes().thenApply(kvs -> new Snapshot(revision, kvs)));
    } catch (RuntimeException e) {
      // A closed or broken store may throw instead of failing the future.
      load = CompletableFuture.failedFuture(e);
    }
    load.whenCompleteAsync(this::onLoaded, feedThread);
  }

  private CompletableFuture<List<KeyValue>> readPrefixes() {
    List<CompletableFuture<List<KeyValue>>> reads =
        prefixes.stream().map(store::getPrefix).toList();
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenApply(v -> reads.stream().flatMap(r -> r.join().stream()).toList());
  }

  private void onLoaded(Snapshot snapshot, Throwable failure) {
    loading = false;
    if (closed.get()) {
      return;
    }
    if (failure != null) {
      if (!published) {
        started.completeExceptionally(failure);
        return;
      }
      LOG.warn(
          "Cluster image resync failed, retrying in {} error={}", retryDelay, failure.toString());
      scheduleReload(retryDelay);
      return;
    }
    ClusterImageBuilder fresh = new ClusterImageBuilder(keys, snapshot.revision());
    snapshot.kvs().forEach(fresh::load);
    builder = fresh;
    ClusterImage image = fresh.build();
    if (!published || !image.sameContentAs(current)) {
      if (published) {
        LOG.info("Cluster image repaired by resync revision={}", image.revision());
      }
      publish(image);
    }
    openWatches(snapshot.revision() + 1);
    if (!started.isDone()) {
      long interval = resyncInterval.toMillis();
      feedThread.scheduleWithFixedDelay(this::reload, interval, interval, TimeUnit.MILLISECONDS);
      started.complete(image);
    }
  }

  private void openWatches(long fromRevision) {
    long gen = generation;
    try {
      for (String prefix : prefixes) {
        watches.add(store.watchPrefix(prefix, fromRevision, batch -> onWatchBatch(gen, batch)));
      }
    } catch (CompactedRevisionException e) {
      LOG.warn("Cluster image watch compacted, reloading error={}", e.toString());
      scheduleReload(Duration.ZERO);
    } catch (RuntimeException e) {
      LOG.warn("Cluster image watch failed, reloading in {} error={}", retryDelay, e.toString());
      scheduleReload(retryDelay);
    }
  }

  private void scheduleReload(Duration delay) {
    try {
      feedThread.schedule(this::reload, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closed meanwhile: nothing to reload for.
    }
  }

  /** Called on a store thread: hands the batch to the feed thread. */
  private void onWatchBatch(long gen, List<WatchEvent> batch) {
    onFeedThread(
        () -> {
          // Batches of watches closed by a later load are already covered by that load.
          if (gen == generation && builder != null && builder.apply(batch)) {
            publish(builder.build());
          }
        });
  }

  private void publish(ClusterImage image) {
    current = image;
    published = true;
    for (Subscriber s : List.copyOf(subscribers)) {
      notify(s, image);
    }
    awaits.removeIf(a -> tryComplete(a, image));
  }

  private void register(PendingAwait await, Duration timeout) {
    if (closed.get()) {
      await.result.completeExceptionally(closedException());
      return;
    }
    if (tryComplete(await, current)) {
      return;
    }
    awaits.add(await);
    await.timer =
        feedThread.schedule(
            () -> {
              if (awaits.remove(await)) {
                await.result.completeExceptionally(
                    new TimeoutException("no matching cluster image within " + timeout));
              }
            },
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /** Completes the await if {@code image} matches (or the condition throws); true if done. */
  private static boolean tryComplete(PendingAwait await, ClusterImage image) {
    try {
      if (!await.condition.test(image)) {
        return false;
      }
      await.result.complete(image);
    } catch (RuntimeException e) {
      await.result.completeExceptionally(e);
    }
    if (await.timer != null) {
      await.timer.cancel(false);
    }
    return true;
  }

  private static void notify(Subscriber s, ClusterImage image) {
    try {
      s.listener.accept(image);
    } catch (RuntimeException e) {
      LOG.warn("Cluster image listener failed revision={} error={}", image.revision(), e, e);
    }
  }

  private void shutDown() {
    generation++;
    closeWatches();
    awaits.forEach(a -> a.result.completeExceptionally(closedException()));
    awaits.clear();
    subscribers.clear();
    started.completeExceptionally(closedException());
  }

  private void closeWatches() {
    watches.forEach(Watch::close);
    watches.clear();
  }

  /** Runs {@code task} on the feed thread; false if the feed is closed. */
  private boolean onFeedThread(Runnable task) {
    if (closed.get()) {
      return false;
    }
    try {
      feedThread.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  private static IllegalStateException closedException() {
    return new IllegalStateException("cluster image feed is closed");
  }
}
