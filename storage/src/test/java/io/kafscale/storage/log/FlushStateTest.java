/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import static io.kafscale.storage.log.LogTestBatches.plain;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.cache.SegmentCache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a log reports about its write buffer, and the cache hit-ratio gauge. */
class FlushStateTest {
  private final PartitionLogTestContext ctx =
      new PartitionLogTestContext().flushMaxAge(Duration.ofSeconds(10)).idleFlushBytes(1 << 20);

  @Test
  void shouldReportIdleBeforeAnythingIsStaged() {
    // Given
    PartitionLog log = ctx.open();
    // When
    FlushState state = log.flushState().join();
    // Then
    assertThat(state).isEqualTo(FlushState.IDLE);
    assertThat(state.oldestPendingAgeMs(ctx.scheduler.clock().millis())).isEqualTo(-1);
  }

  @Test
  void shouldReportStagedBytesBatchesAndAgeUntilTheFlushCommits() {
    // Given two staged requests, the first staged 300 ms before the look
    PartitionLog log = ctx.open();
    long stagedAt = ctx.scheduler.clock().millis();
    log.append(plain(3, 100));
    ctx.advance(Duration.ofMillis(300));
    log.append(plain(1, 100));
    // When
    FlushState staged = log.flushState().join();
    // Then
    assertThat(staged.pendingBatches()).isEqualTo(2);
    assertThat(staged.pendingBytes()).isGreaterThan(400);
    assertThat(staged.oldestPendingAtMs()).isEqualTo(stagedAt);
    assertThat(staged.oldestPendingAgeMs(ctx.scheduler.clock().millis())).isEqualTo(300);
    assertThat(staged.lastFlushAtMs()).isEqualTo(-1);

    // When the flush commits
    log.flush().join();
    FlushState flushed = log.flushState().join();
    // Then nothing is pending and the commit time is known
    assertThat(flushed.pendingBytes()).isZero();
    assertThat(flushed.pendingBatches()).isZero();
    assertThat(flushed.oldestPendingAtMs()).isEqualTo(-1);
    assertThat(flushed.flushing()).isFalse();
    assertThat(flushed.lastFlushAtMs()).isEqualTo(ctx.scheduler.clock().millis());
  }

  @Test
  void shouldExposeTheCacheHitRatioAsAGaugeThatIsNaNBeforeAnyLookup() {
    // Given
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SegmentCache<String> cache = new SegmentCache<>(1_000, String::length);
    new StorageMeters(registry, cache);
    // When no lookup happened yet
    double before = registry.get(StorageMeters.CACHE_HIT_RATIO).gauge().value();
    cache.put("a", "value");
    cache.get("a");
    cache.get("a");
    cache.get("a");
    cache.get("missing");
    // Then
    assertThat(before).isNaN();
    assertThat(registry.get(StorageMeters.CACHE_HIT_RATIO).gauge().value()).isEqualTo(0.75);
  }
}
