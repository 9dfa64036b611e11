/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.etcd;

import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.watch.WatchResponse;
import io.kafscale.metadata.store.Watch;
import io.kafscale.metadata.store.WatchDelivery;
import io.kafscale.metadata.store.WatchEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One prefix watch of {@link EtcdMetadataStore}: receives jetcd's responses, groups events per
 * revision and hands them to the listener on the store's single dispatch thread, so revisions
 * arrive in order. After an interruption the watch is opened again (through {@code opener}) from
 * the revision after the last one queued; revisions already queued are dropped, so a resume never
 * repeats one. Thread-safe: jetcd's callbacks are serialised by {@code synchronized}, close may
 * come from any thread.
 */
final class EtcdPrefixWatch implements Watch {
  private static final Logger LOG = LoggerFactory.getLogger(EtcdPrefixWatch.class);
  private static final long RESUME_DELAY_MS = 500;

  private final String prefix;
  private final Executor dispatcher;
  private final Consumer<List<WatchEvent>> listener;
  private final Consumer<EtcdPrefixWatch> onClose;
  private final LongFunction<io.etcd.jetcd.Watch.Watcher> opener;
  private volatile io.etcd.jetcd.Watch.Watcher watcher;
  private volatile boolean closed;
  private long lastQueuedRevision;

  EtcdPrefixWatch(
      String prefix,
      long fromRevision,
      Executor dispatcher,
      Consumer<List<WatchEvent>> listener,
      Consumer<EtcdPrefixWatch> onClose,
      LongFunction<io.etcd.jetcd.Watch.Watcher> opener) {
    this.opener = opener;
    this.prefix = prefix;
    this.dispatcher = dispatcher;
    this.listener = listener;
    this.onClose = onClose;
    this.lastQueuedRevision = fromRevision - 1;
  }

  /** The jetcd listener feeding this watch. */
  io.etcd.jetcd.Watch.Listener jetcdListener() {
    return io.etcd.jetcd.Watch.listener(this::onResponse, this::onError);
  }

  void attach(io.etcd.jetcd.Watch.Watcher jetcdWatcher) {
    this.watcher = jetcdWatcher;
    if (closed) {
      jetcdWatcher.close();
    }
  }

  private synchronized void onResponse(WatchResponse response) {
    if (closed) {
      return;
    }
    for (List<WatchEvent> batch : EtcdMapping.byRevision(response.getEvents())) {
      long revision = batch.get(0).revision();
      if (revision <= lastQueuedRevision) {
        continue;
      }
      lastQueuedRevision = revision;
      try {
        dispatcher.execute(() -> deliver(batch));
      } catch (RejectedExecutionException e) {
        // The store is closing; its watches end with it.
        closed = true;
        return;
      }
    }
  }

  private void onError(Throwable failure) {
    if (closed) {
      return;
    }
    if (failure instanceof CompactedException c) {
      // jetcd gives up on this watch: the revision to resume from is gone. Readers must re-read.
      LOG.error(
          "etcd watch lost: resume revision compacted prefix={} lastRevision={} compactRevision={}",
          prefix,
          lastQueuedRevision,
          c.getCompactedRevision());
      close();
    } else {
      // jetcd does not resume every interrupted watch (e.g. "channel closed" when etcd restarts),
      // so resume it here: a new etcd watch from the revision after the last one queued. Should
      // jetcd resume too, revisions already queued are dropped, so nothing is lost or repeated.
      LOG.warn(
          "etcd watch interrupted, resuming prefix={} lastRevision={} error={}",
          prefix,
          lastQueuedRevision,
          failure.toString());
      io.etcd.jetcd.Watch.Watcher broken = watcher;
      if (broken != null) {
        broken.close();
      }
      CompletableFuture.delayedExecutor(RESUME_DELAY_MS, TimeUnit.MILLISECONDS)
          .execute(this::resume);
    }
  }

  private synchronized void resume() {
    if (closed) {
      return;
    }
    try {
      attach(opener.apply(lastQueuedRevision + 1));
    } catch (RuntimeException e) {
      onError(e); // tried again after the delay
    }
  }

  private void deliver(List<WatchEvent> batch) {
    if (closed) {
      return;
    }
    WatchDelivery.deliver(listener, batch, prefix);
  }

  @Override
  public void close() {
    closed = true;
    io.etcd.jetcd.Watch.Watcher w = watcher;
    if (w != null) {
      w.close();
    }
    onClose.accept(this);
  }
}
