/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import io.kafscale.broker.metrics.BrokerMeters;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.log.RetentionPlan;
import io.kafscale.storage.log.SegmentRef;
import io.kafscale.storage.log.TrimRequest;
import io.kafscale.storage.objectstore.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one trim path of retention and DeleteRecords: trims a partition log (the metadata commit
 * happens inside, fenced by the log's epoch), then deletes the objects of the removed segments.
 * Objects are deleted only after the commit, so a reader never finds a reference without its
 * object; a failed delete leaves orphans, which only waste space. Thread-safe.
 */
public final class LogTrimmer {
  private static final Logger LOG = LoggerFactory.getLogger(LogTrimmer.class);

  /** Why segments are removed (the {@code cause} tag of the retention meters). */
  public enum Cause {
    RETENTION("retention"),
    DELETE_RECORDS("delete_records");

    private final String tag;

    Cause(String tag) {
      this.tag = tag;
    }
  }

  private final ObjectStore objects;
  private final MeterRegistry registry;

  public LogTrimmer(ObjectStore objects, MeterRegistry registry) {
    this.objects = objects;
    this.registry = registry;
    // Registered up front, so a scrape shows zeros rather than nothing before the first trim.
    registry.counter(BrokerMeters.RETENTION_FAILURES.meterName());
    for (Cause cause : Cause.values()) {
      registry.counter(BrokerMeters.RETENTION_SEGMENTS_DELETED.meterName(), "cause", cause.tag);
      registry.counter(BrokerMeters.RETENTION_BYTES_DELETED.meterName(), "cause", cause.tag);
    }
  }

  /**
   * Trims {@code log} as {@code request} asks; completes with the applied plan once the metadata
   * commit succeeded and the objects' deletion finished (whatever its outcome). Fails as {@link
   * PartitionLog#trim} does.
   */
  public CompletableFuture<RetentionPlan> trim(PartitionLog log, TrimRequest request, Cause cause) {
    return log.trim(request)
        .whenComplete(
            (plan, e) -> {
              if (e != null) {
                registry.counter(BrokerMeters.RETENTION_FAILURES.meterName()).increment();
              }
            })
        .thenCompose(plan -> deleteObjects(log, plan, cause).thenApply(v -> plan));
  }

  private CompletableFuture<Void> deleteObjects(PartitionLog log, RetentionPlan plan, Cause cause) {
    if (plan.deleted().isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    registry
        .counter(BrokerMeters.RETENTION_SEGMENTS_DELETED.meterName(), "cause", cause.tag)
        .increment(plan.deleted().size());
    registry
        .counter(BrokerMeters.RETENTION_BYTES_DELETED.meterName(), "cause", cause.tag)
        .increment(plan.deletedBytes());
    LOG.info(
        "segments removed topic={} partition={} count={} logStartOffset={} cause={}",
        log.id().topic(),
        log.id().partition(),
        plan.deleted().size(),
        plan.logStartOffset(),
        cause.tag);
    List<String> keys = new ArrayList<>();
    for (SegmentRef s : plan.deleted()) {
      keys.add(s.objectKey());
      if (s.indexKey() != null) {
        keys.add(s.indexKey());
      }
    }
    return objects
        .deleteAll(keys)
        .exceptionally(
            e -> {
              LOG.warn(
                  "segment objects not deleted topic={} partition={} count={} error={}",
                  log.id().topic(),
                  log.id().partition(),
                  keys.size(),
                  e.toString());
              return null;
            });
  }
}
