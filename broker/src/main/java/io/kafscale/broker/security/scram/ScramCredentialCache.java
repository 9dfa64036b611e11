/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.scram;

import io.kafscale.metadata.codec.CorruptValueException;
import io.kafscale.metadata.codec.ScramCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.ScramCredentialRecord;
import io.kafscale.metadata.store.CompactedRevisionException;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Watch;
import io.kafscale.metadata.store.WatchEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This broker's copy of every SCRAM credential, the {@link ScramCredentialLookup} the SASL/SCRAM
 * authenticator reads: reads the {@code scram/} prefix at revision {@code R}, follows it with a
 * prefix watch from {@code R+1}, and re-reads everything every {@code resyncInterval} (at once when
 * the watch falls behind compaction), so a credential altered through any broker authenticates on
 * every broker within one watch delivery. Lookups read an immutable map published after each change
 * and never block. Thread-safe; the watch is applied on the cache's own thread.
 */
public final class ScramCredentialCache implements ScramCredentialLookup, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScramCredentialCache.class);
  private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

  private record Key(String user, ScramMechanism mechanism) {}

  private record Snapshot(long revision, List<KeyValue> kvs) {}

  private final MetadataStore store;
  private final KeyLayout keys;
  private final Duration resyncInterval;
  private final ScheduledThreadPoolExecutor thread;
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Map<Key, ScramCredential> published = Map.of();

  // Confined to the cache thread.
  private final Map<Key, ScramCredential> credentials = new HashMap<>();
  private Watch watch;
  private long generation;

  public ScramCredentialCache(MetadataStore store, KeyLayout keys, Duration resyncInterval) {
    this.store = store;
    this.keys = keys;
    this.resyncInterval = resyncInterval;
    this.thread =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("kafscale-scram-cache").daemon(true).factory());
    thread.setRemoveOnCancelPolicy(true);
    thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Loads the credentials and starts the watch; completes after the first load. */
  public CompletableFuture<Void> start() {
    execute(this::reload);
    long interval = resyncInterval.toMillis();
    thread.scheduleWithFixedDelay(this::reload, interval, interval, TimeUnit.MILLISECONDS);
    return started;
  }

  @Override
  public Optional<ScramCredential> credential(String user, ScramMechanism mechanism) {
    return Optional.ofNullable(published.get(new Key(user, mechanism)));
  }

  /** How many credentials (users times mechanisms) are known. */
  public int size() {
    return published.size();
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
              .thenCompose(
                  r -> store.getPrefix(keys.scramPrefix()).thenApply(kvs -> new Snapshot(r, kvs)));
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
      LOG.warn(
          "SCRAM credential load failed, retrying in {} error={}", RETRY_DELAY, failure.toString());
      thread.schedule(this::reload, RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    credentials.clear();
    snapshot.kvs().forEach(this::put);
    publish();
    try {
      watch = store.watchPrefix(keys.scramPrefix(), snapshot.revision() + 1, b -> onBatch(gen, b));
    } catch (CompactedRevisionException e) {
      thread.execute(this::reload);
      return;
    } catch (RuntimeException e) {
      LOG.warn(
          "SCRAM credential watch failed, reloading in {} error={}", RETRY_DELAY, e.toString());
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
              key(e.kv().key()).ifPresent(credentials::remove);
            }
          }
          publish();
        });
  }

  private void put(KeyValue kv) {
    Optional<Key> key = key(kv.key());
    if (key.isEmpty()) {
      return;
    }
    try {
      ScramCredentialRecord r =
          ScramCodec.decode(key.get().user(), key.get().mechanism().mechanismName(), kv.value());
      credentials.put(
          key.get(), new ScramCredential(r.salt(), r.storedKey(), r.serverKey(), r.iterations()));
    } catch (CorruptValueException | IllegalArgumentException e) {
      // A credential we cannot read authenticates nobody; never let it stop the others.
      credentials.remove(key.get());
      LOG.warn("Ignoring unreadable SCRAM credential key={} error={}", kv.key(), e.toString());
    }
  }

  /** The user and mechanism of a credential key; empty for keys this broker cannot use. */
  private Optional<Key> key(String storeKey) {
    try {
      String user = keys.userOfScramKey(storeKey);
      return ScramMechanism.fromMechanismName(keys.mechanismOfScramKey(storeKey))
          .map(m -> new Key(user, m));
    } catch (IllegalArgumentException e) {
      LOG.warn("Ignoring unexpected key under the SCRAM prefix key={}", storeKey);
      return Optional.empty();
    }
  }

  private void publish() {
    published = Map.copyOf(credentials);
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
    started.completeExceptionally(new IllegalStateException("SCRAM credential cache closed"));
  }
}
