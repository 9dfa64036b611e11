/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Byte-bounded LRU cache of immutable values read from the object store (parsed segments and
 * indexes), shared by every partition log of a broker. Each value is weighed once, when it is put.
 * Thread-safe (one lock: entries are few and large, and every operation is O(1) amortised).
 *
 * <p>Values must be immutable (or never modified after {@link #put}); an entry heavier than the
 * whole budget is not cached.
 *
 * @param <V> cached value type
 */
public final class SegmentCache<V> {

  /** Hit/miss/size counters, read by the metrics binder. */
  public record Stats(long hits, long misses, long bytes, int entries, long evictions) {}

  private record Entry<V>(V value, long weight) {}

  private final long maxBytes;
  private final ToLongFunction<V> weigher;
  private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;
  private long hits;
  private long misses;
  private long evictions;

  public SegmentCache(long maxBytes, ToLongFunction<V> weigher) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be >= 0: " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.weigher = weigher;
  }

  /** The cached value, counting a hit or a miss and marking it most recently used. */
  public synchronized Optional<V> get(String key) {
    Entry<V> e = entries.get(key);
    if (e == null) {
      misses++;
      return Optional.empty();
    }
    hits++;
    return Optional.of(e.value());
  }

  /** Whether {@code key} is cached, without counting a hit or miss or touching its recency. */
  public synchronized boolean contains(String key) {
    return entries.containsKey(key);
  }

  /** Caches {@code value} and evicts least recently used entries until the budget holds. */
  public synchronized void put(String key, V value) {
    long weight = weigher.applyAsLong(value);
    if (weight > maxBytes) {
      return;
    }
    Entry<V> old = entries.put(key, new Entry<>(value, weight));
    if (old != null) {
      bytes -= old.weight();
    }
    bytes += weight;
    Iterator<Map.Entry<String, Entry<V>>> it = entries.entrySet().iterator();
    while (bytes > maxBytes && it.hasNext()) {
      Map.Entry<String, Entry<V>> e = it.next();
      if (e.getKey().equals(key)) {
        continue;
      }
      bytes -= e.getValue().weight();
      it.remove();
      evictions++;
    }
  }

  public synchronized void invalidate(String key) {
    Entry<V> old = entries.remove(key);
    if (old != null) {
      bytes -= old.weight();
    }
  }

  public synchronized long sizeInBytes() {
    return bytes;
  }

  public long maxBytes() {
    return maxBytes;
  }

  public synchronized Stats stats() {
    return new Stats(hits, misses, bytes, entries.size(), evictions);
  }
}
