/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.storage.objectstore.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the segment and index objects of a deleted topic in the background, in bounded batches
 * one after another (a topic may hold many thousands of segments; DeleteTopics does not wait for
 * this). A failed batch is logged and skipped: its objects are unreferenced now, so object garbage
 * collection removes them later. Stateless and thread-safe.
 */
public final class TopicObjectDeleter {
  private static final Logger LOG = LoggerFactory.getLogger(TopicObjectDeleter.class);

  /** Keys per {@link ObjectStore#deleteAll} call (S3 DeleteObjects takes at most 1000). */
  public static final int BATCH = 500;

  private TopicObjectDeleter() {}

  /**
   * Starts deleting the objects of {@code segments}; the future completes with the number of
   * objects whose deletion succeeded, never exceptionally.
   */
  public static CompletableFuture<Integer> deleteInBackground(
      ObjectStore objects, String topic, List<SegmentRecord> segments) {
    List<String> keys = new ArrayList<>();
    for (SegmentRecord s : segments) {
      keys.add(s.objectKey());
      if (s.indexKey() != null) {
        keys.add(s.indexKey());
      }
    }
    return deleteFrom(objects, topic, keys, 0, 0)
        .whenComplete(
            (deleted, e) -> {
              if (!keys.isEmpty()) {
                LOG.info(
                    "deleted topic objects topic={} deleted={} of={}", topic, deleted, keys.size());
              }
            });
  }

  private static CompletableFuture<Integer> deleteFrom(
      ObjectStore objects, String topic, List<String> keys, int from, int deleted) {
    if (from >= keys.size()) {
      return CompletableFuture.completedFuture(deleted);
    }
    List<String> batch = List.copyOf(keys.subList(from, Math.min(keys.size(), from + BATCH)));
    CompletableFuture<Void> call;
    try {
      call = objects.deleteAll(batch);
    } catch (RuntimeException e) {
      call = CompletableFuture.failedFuture(e);
    }
    return call.handle(
            (v, e) -> {
              if (e != null) {
                // Metadata is gone already: these are orphans that garbage collection catches.
                LOG.warn(
                    "topic objects not deleted topic={} count={} error={}",
                    topic,
                    batch.size(),
                    e.toString());
                return deleted;
              }
              return deleted + batch.size();
            })
        .thenCompose(n -> deleteFrom(objects, topic, keys, from + batch.size(), n));
  }
}
