/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import io.kafscale.storage.producer.ProducerSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Test twin of the broker's metadata-backed committer: keeps segment lists, high watermarks and
 * producer states per partition, fences stale epochs, and can fail or hold the next commits.
 */
final class InMemorySegmentCommitter implements SegmentCommitter {

  private final Map<PartitionId, List<SegmentRef>> segments = new HashMap<>();
  private final Map<PartitionId, Map<Long, ProducerSnapshot>> producers = new HashMap<>();
  private final Map<PartitionId, Integer> epochs = new HashMap<>();
  private final Map<PartitionId, Long> logStarts = new HashMap<>();
  private int failNextTrims;
  private int failNext;
  private CompletableFuture<Void> hold;
  private CompletableFuture<Void> holdReplace;
  private int failNextReplaces;
  private int loseNextReplaceAnswers;
  private int loseNextTrimAnswers;
  private int replaceCalls;

  @Override
  public synchronized CompletableFuture<Void> commit(
      PartitionId partition, int epoch, SegmentRef segment, List<ProducerSnapshot> states) {
    if (epoch < epochs.getOrDefault(partition, epoch)) {
      return CompletableFuture.failedFuture(new FencedException("epoch " + epoch + " is stale"));
    }
    if (failNext > 0) {
      failNext--;
      return CompletableFuture.failedFuture(
          new IllegalStateException("metadata store unreachable"));
    }
    List<SegmentRef> list = segments.computeIfAbsent(partition, k -> new ArrayList<>());
    long expected =
        list.isEmpty() ? logStarts.getOrDefault(partition, 0L) : list.getLast().nextOffset();
    if (segment.baseOffset() != expected) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              "segment base " + segment.baseOffset() + " does not continue at " + expected));
    }
    list.add(segment);
    Map<Long, ProducerSnapshot> p =
        producers.computeIfAbsent(partition, k -> new LinkedHashMap<>());
    states.forEach(s -> p.put(s.producerId(), s));
    if (hold != null) {
      CompletableFuture<Void> h = hold;
      hold = null;
      return h;
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<Void> trim(
      PartitionId partition, int epoch, long logStartOffset, List<SegmentRef> removed) {
    if (epoch < epochs.getOrDefault(partition, epoch)) {
      return CompletableFuture.failedFuture(new FencedException("epoch " + epoch + " is stale"));
    }
    if (failNextTrims > 0) {
      failNextTrims--;
      return CompletableFuture.failedFuture(
          new IllegalStateException("metadata store unreachable"));
    }
    List<SegmentRef> list = segments.computeIfAbsent(partition, k -> new ArrayList<>());
    for (SegmentRef r : removed) {
      if (list.isEmpty() || list.getFirst().baseOffset() != r.baseOffset()) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("segment " + r.baseOffset() + " is not the oldest"));
      }
      list.removeFirst();
    }
    logStarts.merge(partition, logStartOffset, Math::max);
    if (loseNextTrimAnswers > 0) {
      loseNextTrimAnswers--;
      return CompletableFuture.failedFuture(new IllegalStateException("answer lost (timeout)"));
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<Void> replace(
      PartitionId partition, int epoch, List<SegmentRef> removed, List<SegmentRef> added) {
    replaceCalls++;
    if (epoch < epochs.getOrDefault(partition, epoch)) {
      return CompletableFuture.failedFuture(new FencedException("epoch " + epoch + " is stale"));
    }
    if (failNextReplaces > 0) {
      failNextReplaces--;
      return CompletableFuture.failedFuture(
          new IllegalStateException("metadata store unreachable"));
    }
    if (added.isEmpty()
        || added.getFirst().baseOffset() != removed.getFirst().baseOffset()
        || added.getLast().lastOffset() != removed.getLast().lastOffset()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("added segments do not cover the removed ones"));
    }
    for (int i = 1; i < added.size(); i++) {
      if (added.get(i).baseOffset() != added.get(i - 1).nextOffset()) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("added segments are not contiguous"));
      }
    }
    List<SegmentRef> list = segments.computeIfAbsent(partition, k -> new ArrayList<>());
    int start = list.indexOf(removed.getFirst());
    if (start < 0
        || start + removed.size() > list.size()
        || !list.subList(start, start + removed.size()).equals(removed)) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("removed segments are not a run of the partition's"));
    }
    list.subList(start, start + removed.size()).clear();
    list.addAll(start, added);
    if (loseNextReplaceAnswers > 0) {
      loseNextReplaceAnswers--;
      return CompletableFuture.failedFuture(new IllegalStateException("answer lost (timeout)"));
    }
    if (holdReplace != null) {
      CompletableFuture<Void> h = holdReplace;
      holdReplace = null;
      return h;
    }
    return CompletableFuture.completedFuture(null);
  }

  /** The next replaces are applied but answer a failure, as when a response is lost. */
  synchronized void loseNextReplaceAnswers(int count) {
    loseNextReplaceAnswers = count;
  }

  /** The next trims are applied but answer a failure, as when a response is lost. */
  synchronized void loseNextTrimAnswers(int count) {
    loseNextTrimAnswers = count;
  }

  synchronized void failNextReplaces(int count) {
    failNextReplaces = count;
  }

  /** The next replace is applied but its answer waits until the returned future completes. */
  synchronized CompletableFuture<Void> holdNextReplace() {
    holdReplace = new CompletableFuture<>();
    return holdReplace;
  }

  synchronized int replaceCalls() {
    return replaceCalls;
  }

  synchronized void failNextTrims(int count) {
    failNextTrims = count;
  }

  synchronized long logStartOffset(PartitionId partition) {
    return logStarts.getOrDefault(partition, 0L);
  }

  synchronized void failNext(int count) {
    failNext = count;
  }

  /** The next commit is recorded but its answer waits until the returned future completes. */
  synchronized CompletableFuture<Void> holdNext() {
    hold = new CompletableFuture<>();
    return hold;
  }

  /** Moves the partition to a newer owner epoch: commits at older epochs are fenced. */
  synchronized void bumpEpoch(PartitionId partition, int epoch) {
    epochs.put(partition, epoch);
  }

  synchronized List<SegmentRef> segments(PartitionId partition) {
    return List.copyOf(segments.getOrDefault(partition, List.of()));
  }

  /** What a new owner would open the partition from. */
  synchronized RecoveredPartition recovered(PartitionId partition) {
    List<SegmentRef> list = segments(partition);
    long start = logStarts.getOrDefault(partition, 0L);
    long hw = list.isEmpty() ? start : list.getLast().nextOffset();
    return new RecoveredPartition(
        start, hw, list, List.copyOf(producers.getOrDefault(partition, Map.of()).values()));
  }
}
