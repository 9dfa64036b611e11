/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import io.kafscale.storage.objectstore.ObjectAlreadyExistsException;
import io.kafscale.storage.objectstore.ObjectStore;
import io.kafscale.storage.producer.ProducerSnapshot;
import io.kafscale.storage.segment.EncodedSegment;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O of one flush: upload the segment and its index (if it has one) in parallel under
 * never-reused keys, then commit the reference through the {@link SegmentCommitter}. Failures come
 * back as {@link FlushFailure} naming the stage. Thread-safe (stateless apart from its
 * collaborators).
 */
final class SegmentUploader {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentUploader.class);

  /** A flush failed at {@code stage} ("put" or "commit"). */
  static final class FlushFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String stage;

    FlushFailure(String stage, Throwable cause) {
      super(stage + " failed: " + cause.getMessage(), cause);
      this.stage = stage;
    }
  }

  private final ObjectStore store;
  private final SegmentCommitter committer;
  private final StorageMeters meters;
  private final MeterRegistry registry;

  SegmentUploader(
      ObjectStore store, SegmentCommitter committer, StorageMeters meters, MeterRegistry registry) {
    this.store = store;
    this.committer = committer;
    this.meters = meters;
    this.registry = registry;
  }

  CompletableFuture<Void> uploadAndCommit(
      PartitionId id, int epoch, FlushPlan plan, List<ProducerSnapshot> producers) {
    SegmentRef ref = plan.ref();
    CompletableFuture<Void> uploaded = upload(ref, plan.encoded());
    return uploaded.thenCompose(
        v -> {
          Timer.Sample commit = Timer.start(registry);
          return committer
              .commit(id, epoch, ref, producers)
              .handle(
                  (ok, err) -> {
                    commit.stop(meters.commitLatency);
                    if (err != null) {
                      // Not deleted: the outcome of a failed commit may be unknown, and a committed
                      // segment
                      // whose object is gone would be lost data; an orphan object is only wasted
                      // space.
                      throw new FlushFailure("commit", unwrap(err));
                    }
                    return null;
                  });
        });
  }

  /**
   * Uploads the segment and (if {@code ref} names one) the index of {@code encoded} under {@code
   * ref}'s keys; fails with a {@link FlushFailure} at stage "put", after removing what arrived.
   */
  CompletableFuture<Void> upload(SegmentRef ref, EncodedSegment encoded) {
    Timer.Sample put = Timer.start(registry);
    CompletableFuture<Void> segment = create(ref.objectKey(), encoded.segment());
    CompletableFuture<Void> index =
        ref.indexKey() == null
            ? CompletableFuture.completedFuture(null)
            : create(ref.indexKey(), encoded.index());
    CompletableFuture<Void> uploaded =
        CompletableFuture.allOf(segment, index)
            .handle(
                (v, err) -> {
                  put.stop(meters.putLatency);
                  if (err != null) {
                    // The keys are ours alone, so removing whatever part arrived cannot hurt
                    // anyone.
                    List<String> keys =
                        ref.indexKey() == null
                            ? List.of(ref.objectKey())
                            : List.of(ref.objectKey(), ref.indexKey());
                    store
                        .deleteAll(keys)
                        .exceptionally(
                            e -> {
                              LOG.debug(
                                  "cleanup of failed upload failed segmentKey={}",
                                  ref.objectKey(),
                                  e);
                              return null;
                            });
                    throw new FlushFailure("put", unwrap(err));
                  }
                  return null;
                });
    return uploaded;
  }

  /**
   * Conditional create. "Already exists" can only be our own earlier attempt that a store-level
   * retry did not see succeed (keys carry this process's unique suffix), so it counts as success.
   */
  private CompletableFuture<Void> create(String key, java.nio.ByteBuffer data) {
    return store
        .create(key, data.duplicate())
        .exceptionallyCompose(
            err ->
                unwrap(err) instanceof ObjectAlreadyExistsException
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(unwrap(err)));
  }

  static Throwable unwrap(Throwable err) {
    Throwable t = err;
    while ((t instanceof CompletionException
            || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
