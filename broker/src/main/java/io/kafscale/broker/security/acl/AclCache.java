/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.acl;

import io.kafscale.metadata.acl.AclBinding;
import io.kafscale.metadata.codec.AclCodec;
import io.kafscale.metadata.codec.CorruptValueException;
import io.kafscale.metadata.store.CompactedRevisionException;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Watch;
import io.kafscale.metadata.store.WatchEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every broker's copy of the ACL bindings current: reads the ACL prefix at revision {@code
 * R}, follows it with a prefix watch from {@code R+1}, and hands the full set to {@code listener}
 * after every change, so an ACL created through any broker is enforced by all within one watch
 * delivery. Re-reads everything every {@code resyncInterval} (and at once when the watch is
 * compacted away), as {@code ClusterImageFeed} does. Thread-safe; the listener runs on the cache's
 * own thread.
 */
public final class AclCache implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AclCache.class);
  private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

  private final MetadataStore store;
  private final String prefix;
  private final Duration resyncInterval;
  private final Consumer<List<AclBinding>> listener;
  private final ScheduledThreadPoolExecutor thread;
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  // Confined to the cache thread.
  private final Map<String, AclBinding> bindings = new HashMap<>();
  private Watch watch;
  private long generation;

  private record Snapshot(long revision, List<KeyValue> kvs) {}

  public AclCache(
      MetadataStore store,
      String prefix,
      Duration resyncInterval,
      Consumer<List<AclBinding>> listener) {
    this.store = store;
    this.prefix = prefix;
    this.resyncInterval = resyncInterval;
    this.listener = listener;
    this.thread =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("kafscale-acl-cache").daemon(true).factory());
    thread.setRemoveOnCancelPolicy(true);
    thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Loads the bindings and starts the watch; completes after the first delivery. */
  public CompletableFuture<Void> start() {
    execute(this::reload);
    long interval = resyncInterval.toMillis();
    thread.scheduleWithFixedDelay(this::reload, interval, interval, TimeUnit.MILLISECONDS);
    return started;
  }

  private void reload() {
    if (closed.get()) {
      return;
    }
    long gen = ++generation;
    closeWatch();
    CompletableFuture<Snapshot> load;
    try {
      load =
          store
              .currentRevision()
              .thenCompose(r -> store.getPrefix(prefix).thenApply(kvs -> new Snapshot(r, kvs)));
    } catch (RuntimeException e) {
      load = CompletableFuture.failedFuture(e);
    }
    load.whenCompleteAsync((s, failure) -> onLoaded(gen, s, failure), thread);
  }

  private void onLoaded(long gen, Snapshot snapshot, Throwable failure) {
    if (closed.get() || gen != generation) {
      return;
    }
    if (failure != null) {
      LOG.warn("ACL load failed, retrying in {} error={}", RETRY_DELAY, failure.toString());
      thread.schedule(this::reload, RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    bindings.clear();
    snapshot.kvs().forEach(this::put);
    publish();
    try {
      watch = store.watchPrefix(prefix, snapshot.revision() + 1, b -> onBatch(gen, b));
    } catch (CompactedRevisionException e) {
      thread.execute(this::reload);
      return;
    } catch (RuntimeException e) {
      LOG.warn("ACL watch failed, reloading in {} error={}", RETRY_DELAY, e.toString());
      thread.schedule(this::reload, RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    started.complete(null);
  }

  private void onBatch(long gen, List<WatchEvent> events) {
    execute(
        () -> {
          if (gen != generation || closed.get()) {
            return;
          }
          for (WatchEvent e : events) {
            if (e.type() == WatchEvent.Type.PUT) {
              put(e.kv());
            } else {
              bindings.remove(e.kv().key());
            }
          }
          publish();
        });
  }

  private void put(KeyValue kv) {
    try {
      bindings.put(kv.key(), AclCodec.decode(kv.value()));
    } catch (CorruptValueException e) {
      // A binding we cannot read grants nothing; never let it stop the others.
      bindings.remove(kv.key());
      LOG.warn("Ignoring unreadable ACL key={} error={}", kv.key(), e.toString());
    }
  }

  private void publish() {
    listener.accept(List.copyOf(bindings.values()));
  }

  private void execute(Runnable task) {
    try {
      thread.execute(task);
    } catch (RejectedExecutionException e) {
      // Closed.
    }
  }

  private void closeWatch() {
    if (watch != null) {
      watch.close();
      watch = null;
    }
  }

  /** Stops the watch and the resync timer. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    execute(this::closeWatch);
    thread.shutdown();
    started.completeExceptionally(new IllegalStateException("ACL cache closed"));
  }
}
