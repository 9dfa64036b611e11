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
 * Pure core of object garbage collection: remembers when each unreferenced object was first seen
 * unreferenced and says which have stayed so for at least the grace period. An object is due only
 * when two passes at least {@code grace} apart both saw it unreferenced with no pass in between
 * seeing it referenced or gone: a key missing from a pass's unreferenced set (it became referenced,
 * or vanished) is forgotten, so memory is bounded by the unreferenced objects of the latest pass.
 * Forgetting errs towards keeping data: it only delays deletion (as does a new controller, which
 * starts with an empty tracker). Not thread-safe: one pass at a time.
 */
public final class OrphanTracker {
  private final long graceMs;
  private final Map<String, Long> firstSeen = new HashMap<>();

  public OrphanTracker(Duration grace) {
    this.graceMs = grace.toMillis();
  }

  /**
   * Records one pass.
   *
   * @param unreferenced candidate objects that were listed and that no segment reference points to
   * @param passStartMs when the pass started (before the listing)
   * @return the keys to delete now, in key order; they stay remembered, so one whose deletion
   *     failed is due again at the next pass, and one that was deleted is forgotten once a listing
   *     no longer shows it
   */
  public List<String> observe(Set<String> unreferenced, long passStartMs) {
    firstSeen.keySet().retainAll(unreferenced);
    List<String> due = new ArrayList<>();
    for (String key : unreferenced) {
      long first = firstSeen.computeIfAbsent(key, k -> passStartMs);
      if (passStartMs - first >= graceMs && passStartMs > first) {
        due.add(key);
      }
    }
    due.sort(null);
    return due;
  }

  /** Unreferenced objects waiting for their grace period to pass. */
  public int pending() {
    return firstSeen.size();
  }

  /** Forgets everything (this broker stopped being the controller). */
  public void reset() {
    firstSeen.clear();
  }
}
