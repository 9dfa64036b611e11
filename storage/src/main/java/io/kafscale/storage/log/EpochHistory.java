/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which owner epoch started writing at which offset, in the role of Kafka's leader-epoch cache: it
 * answers OffsetForLeaderEpoch so consumers can detect log truncation after a leader change
 * (KIP-320). Built from the committed segments' {@code (epoch, baseOffset)} pairs in offset order
 * (for compacted segments, each of their recorded {@link SegmentRef#epochStarts()}) plus the
 * opening log's own epoch starting at the recovered high watermark. Pure and immutable, hence
 * thread-safe.
 *
 * <p>Entries are strictly increasing in epoch and start offset. They are added as Kafka's cache
 * assigns them: a pair with the latest epoch and a later offset changes nothing; a pair that is not
 * monotonic with the entries before it replaces every entry with an equal or higher epoch or an
 * equal or later start (a later writer wins, as a truncating leader does in Kafka). Negative epochs
 * (segments written without one) carry no information and are skipped.
 */
public final class EpochHistory {

  /** The offset at which {@code epoch} wrote its first record. */
  public record Entry(int epoch, long startOffset) {}

  private final List<Entry> entries;

  private EpochHistory(List<Entry> entries) {
    this.entries = Collections.unmodifiableList(entries);
  }

  /**
   * The history of a log opened at {@code ownEpoch} over {@code segments} (any order; sorted by
   * base offset here) whose committed data ends at {@code recoveredHighWatermark}.
   */
  public static EpochHistory of(
      List<SegmentRef> segments, int ownEpoch, long recoveredHighWatermark) {
    List<SegmentRef> sorted = new ArrayList<>(segments);
    sorted.sort((a, b) -> Long.compare(a.baseOffset(), b.baseOffset()));
    List<Entry> pairs = new ArrayList<>(sorted.size() + 1);
    for (SegmentRef ref : sorted) {
      // A compacted segment may span epochs: each start it recorded is a pair of its own.
      for (SegmentRef.EpochStart start : ref.epochRuns()) {
        pairs.add(new Entry(start.epoch(), start.startOffset()));
      }
    }
    pairs.add(new Entry(ownEpoch, recoveredHighWatermark));
    return fromStarts(pairs);
  }

  /** The history of {@code (epoch, startOffset)} pairs given in log order. */
  public static EpochHistory fromStarts(List<Entry> pairs) {
    List<Entry> entries = new ArrayList<>();
    for (Entry pair : pairs) {
      assign(entries, pair);
    }
    return new EpochHistory(entries);
  }

  private static void assign(List<Entry> entries, Entry pair) {
    if (pair.epoch() < 0 || pair.startOffset() < 0) {
      return;
    }
    if (!entries.isEmpty()) {
      Entry last = entries.getLast();
      if (pair.epoch() == last.epoch() && pair.startOffset() >= last.startOffset()) {
        return;
      }
    }
    entries.removeIf(e -> e.epoch() >= pair.epoch() || e.startOffset() >= pair.startOffset());
    entries.add(pair);
  }

  /** The entries, oldest first. */
  public List<Entry> entries() {
    return entries;
  }

  /** The latest epoch, or {@link EpochEndOffset#UNDEFINED_EPOCH} when there is none. */
  public int latestEpoch() {
    return entries.isEmpty() ? EpochEndOffset.UNDEFINED_EPOCH : entries.getLast().epoch();
  }

  /**
   * Kafka's end-offset-for-epoch rule. The latest epoch ends at {@code highWatermark} (it is still
   * being written); an epoch above the latest, or an undefined one, is {@link
   * EpochEndOffset#UNDEFINED}; any other epoch ends where the next higher known epoch starts, and
   * the answer names the largest known epoch not above the requested one (the requested epoch
   * itself when every known epoch is higher: its data is gone, and the caller should continue from
   * the first epoch still known).
   */
  public EpochEndOffset endOffsetFor(int requestedEpoch, long highWatermark) {
    if (requestedEpoch < 0 || entries.isEmpty()) {
      return EpochEndOffset.UNDEFINED;
    }
    int latest = latestEpoch();
    if (requestedEpoch == latest) {
      return new EpochEndOffset(latest, highWatermark);
    }
    if (requestedEpoch > latest) {
      return EpochEndOffset.UNDEFINED;
    }
    int higher = firstIndexAbove(requestedEpoch);
    long end = entries.get(higher).startOffset();
    int floorEpoch = higher == 0 ? requestedEpoch : entries.get(higher - 1).epoch();
    return new EpochEndOffset(floorEpoch, end);
  }

  /** Index of the first entry whose epoch is above {@code epoch} (one exists: epoch < latest). */
  private int firstIndexAbove(int epoch) {
    int lo = 0;
    int hi = entries.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (entries.get(mid).epoch() > epoch) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  @Override
  public String toString() {
    return "EpochHistory" + entries;
  }
}
