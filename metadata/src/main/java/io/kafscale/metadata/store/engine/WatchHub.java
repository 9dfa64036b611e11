/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store.engine;

import io.kafscale.metadata.store.CompactedRevisionException;
import io.kafscale.metadata.store.Watch;
import io.kafscale.metadata.store.WatchDelivery;
import io.kafscale.metadata.store.WatchEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Keeps a bounded history of published revisions and fans them out to prefix watchers on one
 * dispatch executor, so each watcher sees revisions in order, without gaps or duplicates even when
 * it registers from a past revision while writes continue. Thread-safe: publish and register are
 * serialised on this object; publish must be called in revision order.
 */
public final class WatchHub {

  private final Executor dispatcher;
  private final int historyLimit;
  private final ArrayDeque<Published> history = new ArrayDeque<>();
  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
  private long compactedRevision;
  private long publishedRevision;

  private record Published(long revision, List<WatchEvent> events) {}

  /**
   * @param startRevision revision of the state when the hub starts; events up to it are not
   *     available to watchers
   */
  public WatchHub(Executor dispatcher, int historyLimit, long startRevision) {
    this.dispatcher = dispatcher;
    this.historyLimit = historyLimit;
    this.compactedRevision = startRevision;
    this.publishedRevision = startRevision;
  }

  /** Records the events of one revision and hands them to every matching watcher. */
  public synchronized void publish(long revision, List<WatchEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    history.addLast(new Published(revision, List.copyOf(events)));
    publishedRevision = revision;
    while (history.size() > historyLimit) {
      compactedRevision = history.removeFirst().revision();
    }
    for (Watcher w : watchers) {
      w.offer(revision, events);
    }
  }

  public synchronized Watch register(
      String prefix, long fromRevision, Consumer<List<WatchEvent>> listener) {
    long from = fromRevision <= 0 ? publishedRevision + 1 : fromRevision;
    if (from <= compactedRevision) {
      throw new CompactedRevisionException(
          "revision "
              + fromRevision
              + " is compacted; oldest watchable revision is "
              + (compactedRevision + 1));
    }
    Watcher w = new Watcher(prefix, from, listener);
    for (Published p : history) {
      w.offer(p.revision(), p.events());
    }
    watchers.add(w);
    return w;
  }

  private final class Watcher implements Watch {
    private final String prefix;
    private final long from;
    private final Consumer<List<WatchEvent>> listener;
    private volatile boolean closed;

    Watcher(String prefix, long from, Consumer<List<WatchEvent>> listener) {
      this.prefix = prefix;
      this.from = from;
      this.listener = listener;
    }

    void offer(long revision, List<WatchEvent> events) {
      if (revision < from || closed) {
        return;
      }
      List<WatchEvent> mine = new ArrayList<>();
      for (WatchEvent e : events) {
        if (e.kv().key().startsWith(prefix)) {
          mine.add(e);
        }
      }
      if (mine.isEmpty()) {
        return;
      }
      List<WatchEvent> batch = List.copyOf(mine);
      try {
        dispatcher.execute(() -> deliver(batch));
      } catch (RejectedExecutionException e) {
        // The store is closing; watches end with it.
        closed = true;
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
      watchers.remove(this);
    }
  }
}
