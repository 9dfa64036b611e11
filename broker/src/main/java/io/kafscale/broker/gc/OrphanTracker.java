/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.gc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pure core of object garbage collection: remembers, per listing prefix (one partition), when each
 * unreferenced object was first seen unreferenced and says which have stayed so for at least the
 * grace period. An object is due only when two observations of its prefix at least {@code grace}
 * apart both saw it unreferenced with none in between seeing it referenced or gone: a key missing
 * from an observation of its prefix (it became referenced, or vanished) is forgotten, and prefixes
 * no longer visited are dropped by {@link #retainPrefixes}, so memory is bounded by the
 * unreferenced objects of the latest pass. Forgetting errs towards keeping data: it only delays
 * deletion (as does a new controller, which starts with an empty tracker). Not thread-safe: one
 * pass at a time.
 */
public final class OrphanTracker {
  private final long graceMs;
  private final Map<String, Map<String, Long>> firstSeen = new HashMap<>();

  public OrphanTracker(Duration grace) {
    this.graceMs = grace.toMillis();
  }

  /**
   * Records one observation of one prefix.
   *
   * @param prefix the listing prefix the keys come from
   * @param unreferenced candidate objects under {@code prefix} that were listed and that no segment
   *     reference points to
   * @param listedAtMs when the listing completed (the object existed, unreferenced, by then)
   * @return the keys to delete now, in key order; they stay remembered, so one whose deletion
   *     failed is due again at the next pass, and one that was deleted is forgotten once a listing
   *     no longer shows it
   */
  public List<String> observe(String prefix, Set<String> unreferenced, long listedAtMs) {
    if (unreferenced.isEmpty()) {
      firstSeen.remove(prefix);
      return List.of();
    }
    Map<String, Long> seen = firstSeen.computeIfAbsent(prefix, p -> new HashMap<>());
    seen.keySet().retainAll(unreferenced);
    List<String> due = new ArrayList<>();
    for (String key : unreferenced) {
      long first = seen.computeIfAbsent(key, k -> listedAtMs);
      if (listedAtMs - first >= graceMs && listedAtMs > first) {
        due.add(key);
      }
    }
    due.sort(null);
    return due;
  }

  /** Forgets every prefix not in {@code visited} (a pass no longer found it). */
  public void retainPrefixes(Set<String> visited) {
    firstSeen.keySet().retainAll(visited);
  }

  /** Unreferenced objects remembered (waiting for their grace period, or due). */
  public int pending() {
    int n = 0;
    for (Map<String, Long> seen : firstSeen.values()) {
      n += seen.size();
    }
    return n;
  }

  /** Forgets everything (this broker stopped being the controller). */
  public void reset() {
    firstSeen.clear();
  }
}
