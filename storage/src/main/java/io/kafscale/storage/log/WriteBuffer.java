/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The staged (not yet flushed) produce requests of one partition, in arrival order, with their
 * total size and the staging time of the oldest. Pure bookkeeping; not thread-safe (owned by the
 * partition's serial executor).
 */
final class WriteBuffer {

  private List<PendingAppend> entries = new ArrayList<>();
  private long bytes;
  private long oldestStagedMs = Long.MAX_VALUE;

  void add(PendingAppend append, long nowMs) {
    if (entries.isEmpty()) {
      oldestStagedMs = nowMs;
    }
    entries.add(append);
    bytes += append.sizeInBytes;
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  long bytes() {
    return bytes;
  }

  /** Record batches staged (a produce request may carry several). */
  int batchCount() {
    int n = 0;
    for (PendingAppend p : entries) {
      n += p.headers.size();
    }
    return n;
  }

  /** Staging time of the oldest entry; {@link Long#MAX_VALUE} when empty. */
  long oldestStagedMs() {
    return oldestStagedMs;
  }

  boolean shouldFlush(long nowMs, long lastFlushEndMs, long windowBytes, FlushPolicy policy) {
    return !entries.isEmpty()
        && policy.shouldFlush(bytes, oldestStagedMs, lastFlushEndMs, windowBytes, nowMs);
  }

  /** Takes every staged entry for a flush and leaves the buffer empty. */
  List<PendingAppend> seal() {
    List<PendingAppend> sealed = entries;
    entries = new ArrayList<>();
    bytes = 0;
    oldestStagedMs = Long.MAX_VALUE;
    return sealed;
  }

  /**
   * Removes and returns the entries matching {@code filter}. The oldest time stays as it was when
   * entries remain: a conservative (earlier) deadline only flushes sooner.
   */
  List<PendingAppend> removeIf(Predicate<PendingAppend> filter) {
    List<PendingAppend> removed = new ArrayList<>();
    List<PendingAppend> kept = new ArrayList<>();
    for (PendingAppend p : entries) {
      (filter.test(p) ? removed : kept).add(p);
    }
    if (!removed.isEmpty()) {
      entries = kept;
      bytes = kept.stream().mapToLong(p -> p.sizeInBytes).sum();
      if (kept.isEmpty()) {
        oldestStagedMs = Long.MAX_VALUE;
      }
    }
    return removed;
  }

  List<PendingAppend> entries() {
    return List.copyOf(entries);
  }
}
