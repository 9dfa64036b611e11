/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.ApiTestContext;
import io.kafscale.broker.api.TestRecords;
import io.kafscale.broker.metrics.BrokerMeters;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.log.RetentionPlan;
import io.kafscale.storage.log.StorageException;
import io.kafscale.storage.log.TrimRequest;
import io.kafscale.storage.objectstore.ObjectInfo;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retention on a running broker over in-memory stores: segment references leave the metadata store,
 * their objects leave the object store, and the log start moves.
 */
class RetentionSweeperTest {
  private static final Scheduler NEVER = (delay, task) -> () -> {};

  private final ApiTestContext ctx = new ApiTestContext();
  private final KeyLayout keys = KeyLayout.defaults();
  private final RetentionSweeper sweeper =
      new RetentionSweeper(ctx.node.topics(), new LogTrimmer(ctx.objects, ctx.meters), NEVER);

  @AfterEach
  void close() {
    sweeper.close();
    ctx.close();
  }

  private PartitionLog log(String topic) {
    return ctx.node.topics().log(topic, 0).orElseThrow();
  }

  /** Commits {@code count} segments of one batch each with the given record timestamp. */
  private static void fill(PartitionLog log, int count, long timestamp) {
    for (int i = 0; i < count; i++) {
      var appended = log.append(TestRecords.batch(timestamp, timestamp));
      log.flush().join();
      appended.join();
    }
  }

  private int segmentKeys(String topic) {
    return ctx.metadata.store().getPrefix(keys.segmentsPrefix(topic, 0)).join().size();
  }

  private int objects(String topic) {
    return ctx.objects.list("").join().stream()
        .filter(o -> o.key().contains("/" + topic + "/"))
        .toList()
        .size();
  }

  @Test
  void shouldDeleteReferencesAndObjectsOfSegmentsPastRetentionMs() {
    // Given a topic with retention.ms of one second and segments stamped long ago
    ctx.createTopic("old", 1, Map.of("retention.ms", "1000"));
    PartitionLog log = log("old");
    fill(log, 3, 1_000L);
    assertThat(segmentKeys("old")).isEqualTo(3);
    int objectsBefore = objects("old");
    // When
    RetentionSweeper.Sweep sweep = sweeper.sweep().join();
    // Then every segment is gone from metadata and the bucket; offsets are kept
    assertThat(sweep.segments()).isEqualTo(3);
    assertThat(objectsBefore).isPositive();
    assertThat(segmentKeys("old")).isZero();
    assertThat(objects("old")).isZero();
    assertThat(log.logStartOffset()).isEqualTo(6).isEqualTo(log.highWatermark());
    assertThat(
            ctx.meters
                .counter(BrokerMeters.RETENTION_SEGMENTS_DELETED.meterName(), "cause", "retention")
                .count())
        .isEqualTo(3);
  }

  @Test
  void shouldKeepOnlyWhatRetentionBytesAllows() {
    // Given
    ctx.createTopic("sized", 1, Map.of("retention.bytes", "1"));
    PartitionLog log = log("sized");
    fill(log, 4, System.currentTimeMillis());
    // When
    sweeper.sweep().join();
    // Then the newest segment stays, reads below it fail
    assertThat(segmentKeys("sized")).isEqualTo(1);
    assertThat(log.logStartOffset()).isEqualTo(6);
    Assertions.assertThatThrownBy(() -> log.read(0, 1 << 20, true).join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(StorageException.class)
        .extracting(e -> ((StorageException) e).reason())
        .isEqualTo(StorageException.Reason.OFFSET_OUT_OF_RANGE);
  }

  @Test
  void shouldLeaveCompactedAndDefaultTopicsAlone() {
    // Given
    ctx.createTopic("compacted", 1, Map.of("cleanup.policy", "compact", "retention.ms", "1000"));
    ctx.createTopic("defaults", 1, Map.of());
    fill(log("compacted"), 2, 1_000L);
    fill(log("defaults"), 2, System.currentTimeMillis());
    // When
    sweeper.sweep().join();
    // Then
    assertThat(segmentKeys("compacted")).isEqualTo(2);
    assertThat(segmentKeys("defaults")).isEqualTo(2);
  }

  @Test
  void shouldKeepTheSegmentKeyCountBoundedUnderContinuousProduce() {
    // Given a partition limited to about two segments
    ctx.createTopic("stream", 1, Map.of());
    PartitionLog log = log("stream");
    fill(log, 1, System.currentTimeMillis());
    long segmentBytes = largestObject("stream");
    ctx.createTopic("bounded", 1, Map.of("retention.bytes", Long.toString(2 * segmentBytes)));
    PartitionLog bounded = log("bounded");
    int max = 0;
    // When producing 200 segments with a sweep every 10
    for (int round = 0; round < 20; round++) {
      fill(bounded, 10, System.currentTimeMillis());
      max = Math.max(max, segmentKeys("bounded"));
      sweeper.sweep().join();
    }
    // Then at most one interval's worth of segments accumulates beyond the limit
    assertThat(max).isLessThanOrEqualTo(12);
    assertThat(segmentKeys("bounded")).isLessThanOrEqualTo(2);
    assertThat(objects("bounded")).isLessThanOrEqualTo(2 * 2);
    assertThat(bounded.logStartOffset()).isGreaterThanOrEqualTo(2 * 196);
  }

  @Test
  void shouldMoveTheLogStartForDeleteRecordsThroughTheSameTrimPath() {
    // Given
    ctx.createTopic("dr", 1, Map.of());
    PartitionLog log = log("dr");
    fill(log, 3, System.currentTimeMillis());
    LogTrimmer trimmer = new LogTrimmer(ctx.objects, ctx.meters);
    // When
    RetentionPlan plan =
        trimmer.trim(log, new TrimRequest.DeleteBefore(3), LogTrimmer.Cause.DELETE_RECORDS).join();
    // Then
    assertThat(plan.deleted()).hasSize(1);
    assertThat(log.logStartOffset()).isEqualTo(3);
    assertThat(segmentKeys("dr")).isEqualTo(2);
  }

  @Test
  void shouldReadRetentionFromTopicConfigs() {
    assertThat(RetentionSweeper.retentionOf(Map.of()))
        .contains(new TrimRequest.Retention(604800000, -1));
    assertThat(RetentionSweeper.retentionOf(Map.of("cleanup.policy", "compact"))).isEmpty();
    assertThat(
            RetentionSweeper.retentionOf(
                Map.of("cleanup.policy", "compact,delete", "retention.bytes", "10")))
        .isEqualTo(Optional.of(new TrimRequest.Retention(604800000, 10)));
    assertThat(RetentionSweeper.retentionOf(Map.of("retention.ms", "-1"))).isEmpty();
  }

  /** Size of the largest object of a topic (its one segment). */
  private long largestObject(String topic) {
    return ctx.objects.list("").join().stream()
        .filter(o -> o.key().contains("/" + topic + "/"))
        .mapToLong(ObjectInfo::size)
        .max()
        .orElseThrow();
  }
}
