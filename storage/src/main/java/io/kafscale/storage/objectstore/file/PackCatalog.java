/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.file;

import io.kafscale.storage.objectstore.ObjectInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What a {@link PackedFileObjectStore} knows about its packs, in memory: where the live copy of
 * each key is, which packs exist, how much of each is live, which packs must outlive which (a pack
 * holding a delete record must outlive the pack of the deleted copy, or that copy would come back
 * at the next start), and which packs are pinned for now. Bookkeeping only, no I/O. Callers hold
 * the store's lock for every method except {@link #locate} and {@link #list}, which read the key
 * index without it.
 */
final class PackCatalog {

  /**
   * Where the live copy of an object is: its data's position and length, and the bytes of its whole
   * record (header, key and data), which is what the pack would get back without it.
   */
  record Location(PackFile pack, long position, int length, long recordBytes) {}

  /** The catalog's accounting of one pack. */
  private static final class Entry {
    final PackFile pack;

    /** Object records of the pack that are the live copy of their key, and their record bytes. */
    int liveCount;

    long liveBytes;

    /** Packs (other than this one) holding copies that delete records of this pack removed. */
    final Set<Long> deleteTargets = new HashSet<>();

    Entry(PackFile pack) {
      this.pack = pack;
    }
  }

  private final ConcurrentSkipListMap<String, Location> index = new ConcurrentSkipListMap<>();
  private final TreeMap<Long, Entry> packs = new TreeMap<>();

  /** Packs that must stay for now: being merged, or holding a copy an unforced write replaced. */
  private final Map<PackFile, Integer> pins = new HashMap<>();

  // ---- keys (lock-free reads) ----

  /** The live copy of {@code key}, or null. */
  Location locate(String key) {
    return index.get(key);
  }

  /** Every live key starting with {@code prefix}, in key order, with its size. */
  List<ObjectInfo> list(String prefix) {
    List<ObjectInfo> result = new ArrayList<>();
    for (Map.Entry<String, Location> e : index.tailMap(prefix).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      result.add(new ObjectInfo(e.getKey(), e.getValue().length()));
    }
    return result;
  }

  // ---- packs ----

  void add(PackFile pack) {
    packs.put(pack.seq, new Entry(pack));
  }

  /** Whether {@code pack} is still one of the store's packs (not removed). */
  boolean holds(PackFile pack) {
    Entry e = packs.get(pack.seq);
    return e != null && e.pack == pack;
  }

  boolean holdsSeq(long seq) {
    return packs.containsKey(seq);
  }

  /** The packs, oldest first (a copy). */
  List<PackFile> packs() {
    return packs.values().stream().map(e -> e.pack).toList();
  }

  /** Pack count, their bytes and the bytes of the live objects' records in them. */
  record Totals(int packs, long bytes, long liveBytes) {}

  Totals totals() {
    long bytes = 0;
    long live = 0;
    for (Entry e : packs.values()) {
      bytes += e.pack.size();
      live += e.liveBytes;
    }
    return new Totals(packs.size(), bytes, live);
  }

  /** How many of {@code pack}'s object records are the live copy of their key. */
  int liveCount(PackFile pack) {
    return entry(pack).liveCount;
  }

  /** The sequence number after the newest pack's (1 with no pack). */
  long nextSeq() {
    return packs.isEmpty() ? 1 : packs.lastKey() + 1;
  }

  // ---- records ----

  /**
   * An object record of {@code key} ({@code recordBytes} in all, its data {@code length} bytes at
   * {@code position}) was written to {@code pack}: its copy there is the live one.
   */
  void objectWritten(PackFile pack, String key, long position, int length, long recordBytes) {
    Location previous = index.put(key, new Location(pack, position, length, recordBytes));
    if (previous != null) {
      dropLive(previous);
    }
    Entry e = entry(pack);
    e.liveCount++;
    e.liveBytes += recordBytes;
  }

  /** A delete record in {@code pack} names {@code key}'s copy in pack {@code deletedPackSeq}. */
  void deleteWritten(PackFile pack, String key, long deletedPackSeq) {
    removeCopy(key, deletedPackSeq);
    dependOn(pack, deletedPackSeq);
  }

  /** Removes {@code key} from the index if its live copy is in pack {@code packSeq}. */
  void removeCopy(String key, long packSeq) {
    Location current = index.get(key);
    if (current != null && current.pack().seq == packSeq) {
      index.remove(key);
      dropLive(current);
    }
  }

  /** {@code pack} holds a delete record of a copy in {@code packSeq}: it must outlive that pack. */
  void dependOn(PackFile pack, long packSeq) {
    if (packSeq != pack.seq && packs.containsKey(packSeq)) {
      entry(pack).deleteTargets.add(packSeq);
    }
  }

  /** {@code pack}'s delete records that still matter were copied elsewhere (merged). */
  void dropDependencies(PackFile pack) {
    entry(pack).deleteTargets.clear();
  }

  private void dropLive(Location location) {
    Entry e = entry(location.pack());
    e.liveCount--;
    e.liveBytes -= location.recordBytes();
  }

  private Entry entry(PackFile pack) {
    Entry e = packs.get(pack.seq);
    if (e == null || e.pack != pack) {
      throw new IllegalStateException("Pack " + pack.path + " is not in the catalog");
    }
    return e;
  }

  // ---- pins ----

  void pin(PackFile pack) {
    pins.merge(pack, 1, Integer::sum);
  }

  void unpin(PackFile pack) {
    pins.computeIfPresent(pack, (p, n) -> n == 1 ? null : n - 1);
  }

  // ---- decisions ----

  /**
   * Takes out of the catalog the oldest pack other than {@code active} that nothing needs any more
   * (no live copy, not pinned, every pack it must outlive gone); null if there is none.
   */
  PackFile takeRemovable(PackFile active) {
    for (Entry e : packs.values()) {
      if (e.pack != active
          && e.liveCount == 0
          && !pins.containsKey(e.pack)
          && e.deleteTargets.stream().noneMatch(packs::containsKey)) {
        packs.remove(e.pack.seq);
        return e.pack;
      }
    }
    return null;
  }

  /**
   * The oldest unpinned pack other than {@code active} whose live records fill less than half of
   * it, or null.
   */
  PackFile mergeCandidate(PackFile active) {
    for (Entry e : packs.values()) {
      if (e.pack != active && e.liveBytes * 2 < e.pack.size() && !pins.containsKey(e.pack)) {
        return e.pack;
      }
    }
    return null;
  }
}
