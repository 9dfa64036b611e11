/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SegmentCacheTest {

  private final SegmentCache<byte[]> cache = new SegmentCache<>(100, b -> b.length);

  @Test
  void shouldEvictTheLeastRecentlyUsedEntriesToStayWithinBudget() {
    // Given
    cache.put("a", new byte[40]);
    cache.put("b", new byte[40]);
    cache.get("a");
    // When
    cache.put("c", new byte[40]);
    // Then
    assertThat(cache.contains("a")).isTrue();
    assertThat(cache.contains("b")).isFalse();
    assertThat(cache.contains("c")).isTrue();
    assertThat(cache.sizeInBytes()).isEqualTo(80);
    assertThat(cache.stats().evictions()).isEqualTo(1);
  }

  @Test
  void shouldNotCacheAnEntryLargerThanTheBudget() {
    cache.put("a", new byte[40]);
    cache.put("huge", new byte[101]);
    assertThat(cache.contains("huge")).isFalse();
    assertThat(cache.contains("a")).isTrue();
  }

  @Test
  void shouldCountHitsAndMissesAndReplaceEntries() {
    cache.put("a", new byte[10]);
    cache.put("a", new byte[30]);
    cache.get("a");
    cache.get("zz");
    assertThat(cache.stats()).isEqualTo(new SegmentCache.Stats(1, 1, 30, 1, 0));
    cache.invalidate("a");
    assertThat(cache.sizeInBytes()).isZero();
  }
}
