/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.watch;

import io.kafscale.metadata.store.CompactedRevisionException;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Watch;
import io.kafscale.metadata.store.WatchEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This broker's decoded copy of every key under one metadata-store prefix (ACL bindings, SCRAM
 * credentials): reads the prefix at revision {@code R}, follows it with a prefix watch from {@code
 * R+1}, re-reads everything every {@code resyncInterval} (at once when the watch falls behind
 * compaction, after a delay when the store fails), and hands a {@link Snapshot} to the listener
 * after every change.
 *
 * <p>A value that does not decode is never silently dropped: the key's last readable value (if any)
 * stays in {@link Snapshot#values()}, the key is listed in {@link Snapshot#unreadable()} until a
 * readable value or a delete arrives, and each failure is logged at ERROR and counted ({@link
 * #decodeFailures()}). Each user decides what an unreadable key means for it (the ACL cache denies,
 * the SCRAM cache authenticates nobody).
 *
 * <p>Thread-safe; the store's callbacks and the listener run on the cache's own thread.
 *
 * @param <V> the decoded value
 */
public final class WatchedPrefixCache<V> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WatchedPrefixCache.class);
  private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

  /** Turns a stored key/value into a value; empty: the key is not one of ours (ignored). */
  @FunctionalInterface
  public interface Decoder<V> {
    /**
     * @throws RuntimeException when the value cannot be read
     */
    Optional<V> decode(KeyValue kv);
  }

  /**
   * What the cache holds after a change: the last readable value of every key, and the keys whose
   * current value does not decode (some of them also in {@code values}, with their previous value).
   */
  public record Snapshot<V>(Map<String, V> values, Set<String> unreadable) {
    public Snapshot {
      values = Map.copyOf(values);
      unreadable = Set.copyOf(unreadable);
    }
  }

  private record Loaded(long revision, List<KeyValue> kvs) {}

  private final MetadataStore store;
  private final String prefix;
  private final String what;
  private final Duration resyncInterval;
  private final Decoder<V> decoder;
  private final Consumer<Snapshot<V>> listener;
  private final ScheduledThreadPoolExecutor thread;
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong decodeFailures = new AtomicLong();

  // Confined to the cache thread.
  private Map<String, V> values = new HashMap<>();
  private Set<String> unreadable = new HashSet<>();
  private Watch watch;
  private long generation;

  /**
   * @param what names the cached values in logs and the thread name (e.g. {@code "acl"})
   */
  public WatchedPrefixCache(
      MetadataStore store,
      String prefix,
      String what,
      Duration resyncInterval,
      Decoder<V> decoder,
      Consumer<Snapshot<V>> listener) {
    this.store = store;
    this.prefix = prefix;
    this.what = what;
    this.resyncInterval = resyncInterval;
    this.decoder = decoder;
    this.listener = listener;
    this.thread =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("kafscale-" + what + "-cache").daemon(true).factory());
    thread.setRemoveOnCancelPolicy(true);
    thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Loads the prefix and starts the watch; completes after the first delivery. */
  public CompletableFuture<Void> start() {
    execute(this::reload);
    long interval = resyncInterval.toMillis();
    thread.scheduleWithFixedDelay(this::reload, interval, interval, TimeUnit.MILLISECONDS);
    return started;
  }

  /** How many stored values failed to decode since start. */
  public long decodeFailures() {
    return decodeFailures.get();
  }

  private void reload() {
    if (closed.get()) {
      return;
    }
    long gen = ++generation;
    closeWatch();
    CompletableFuture<Loaded> load;
    try {
      load =
          store
              .currentRevision()
              .thenCompose(r -> store.getPrefix(prefix).thenApply(kvs -> new Loaded(r, kvs)));
    } catch (RuntimeException e) {
      load = CompletableFuture.failedFuture(e);
    }
    load.whenCompleteAsync((s, failure) -> onLoaded(gen, s, failure), thread);
  }

  private void onLoaded(long gen, Loaded loaded, Throwable failure) {
    if (closed.get() || gen != generation) {
      return;
    }
    if (failure != null) {
      LOG.warn("{} load failed, retrying in {} error={}", what, RETRY_DELAY, failure.toString());
      thread.schedule(this::reload, RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    Map<String, V> previous = values;
    values = new HashMap<>();
    unreadable = new HashSet<>();
    for (KeyValue kv : loaded.kvs()) {
      put(kv, previous.get(kv.key()));
    }
    publish();
    try {
      watch = store.watchPrefix(prefix, loaded.revision() + 1, b -> onBatch(gen, b));
    } catch (CompactedRevisionException e) {
      thread.execute(this::reload);
      return;
    } catch (RuntimeException e) {
      LOG.warn("{} watch failed, reloading in {} error={}", what, RETRY_DELAY, e.toString());
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
              put(e.kv(), values.get(e.kv().key()));
            } else {
              values.remove(e.kv().key());
              unreadable.remove(e.kv().key());
            }
          }
          publish();
        });
  }

  /** Decodes one value; when it cannot, {@code previous} (if any) stays and the key is flagged. */
  private void put(KeyValue kv, V previous) {
    String key = kv.key();
    Optional<V> decoded;
    try {
      decoded = decoder.decode(kv);
    } catch (RuntimeException e) {
      decodeFailures.incrementAndGet();
      unreadable.add(key);
      if (previous != null) {
        values.put(key, previous);
      }
      LOG.error(
          "Unreadable {} value, {} key={} error={}",
          what,
          previous != null ? "keeping the previous one" : "no previous one",
          key,
          e.toString());
      return;
    }
    unreadable.remove(key);
    if (decoded.isPresent()) {
      values.put(key, decoded.get());
    } else {
      values.remove(key);
    }
  }

  private void publish() {
    listener.accept(new Snapshot<>(values, unreadable));
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
    started.completeExceptionally(new IllegalStateException(what + " cache closed"));
  }
}
