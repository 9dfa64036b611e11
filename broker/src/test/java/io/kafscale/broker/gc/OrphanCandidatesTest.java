/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.segment.SegmentKeys;
import org.junit.jupiter.api.Test;

class OrphanCandidatesTest {

  @Test
  void shouldAcceptSegmentAndIndexObjectsOfOurLayout() {
    // Given
    OrphanCandidates candidates = new OrphanCandidates("prod");
    String segment = SegmentKeys.segmentKey("prod", "orders", 3, 42, 7, "abc");

    // When / Then
    assertThat(candidates.listingPrefix()).isEqualTo("prod/");
    assertThat(candidates.isCandidate(segment)).isTrue();
    assertThat(candidates.isCandidate(SegmentKeys.indexKeyFor(segment))).isTrue();
  }

  @Test
  void shouldNeverOfferForeignOrNestedObjects() {
    // Given
    OrphanCandidates candidates = new OrphanCandidates("prod");

    // When / Then
    assertThat(candidates.isCandidate(SegmentKeys.segmentKey("prod2", "t", 0, 0, 1, "x")))
        .isFalse();
    assertThat(candidates.isCandidate(SegmentKeys.segmentKey("prod/nested", "t", 0, 0, 1, "x")))
        .isFalse();
    assertThat(candidates.isCandidate("prod/orders/0/notes.txt")).isFalse();
    assertThat(candidates.isCandidate("prod/orders/x/segment-00000000000000000000-e1-a.kfs"))
        .isFalse();
    assertThat(candidates.isCandidate("prod/orders/0/segment-123.kfs")).isFalse();
  }

  @Test
  void shouldWorkWithoutANamespace() {
    // Given
    OrphanCandidates candidates = new OrphanCandidates("");

    // When / Then
    assertThat(candidates.listingPrefix()).isEmpty();
    assertThat(candidates.isCandidate(SegmentKeys.segmentKey("", "t", 0, 0, 1, "x"))).isTrue();
    assertThat(candidates.isCandidate(SegmentKeys.segmentKey("ns", "t", 0, 0, 1, "x"))).isFalse();
  }
}
