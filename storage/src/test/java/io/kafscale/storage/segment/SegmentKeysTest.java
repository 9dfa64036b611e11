/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SegmentKeysTest {

  @Test
  void shouldRenderTheSegmentKeyWithA20DigitBaseOffsetEpochAndSuffix() {
    // When
    String key = SegmentKeys.segmentKey("prod", "orders", 3, 1234, 7, "b1-42");

    // Then
    assertThat(key).isEqualTo("prod/orders/3/segment-00000000000000001234-e7-b1-42.kfs");
    assertThat(SegmentKeys.indexKeyFor(key))
        .isEqualTo("prod/orders/3/segment-00000000000000001234-e7-b1-42.index");
    assertThat(SegmentKeys.isSegmentKey(key)).isTrue();
    assertThat(SegmentKeys.baseOffsetOf(key)).isEqualTo(1234);
  }

  @Test
  void shouldOmitTheLeadingSlashWhenTheNamespaceIsEmpty() {
    assertThat(SegmentKeys.segmentKey("", "t", 0, 0, 1, "x"))
        .isEqualTo("t/0/segment-00000000000000000000-e1-x.kfs");
    assertThat(SegmentKeys.partitionPrefix("", "t", 2)).isEqualTo("t/2/");
    assertThat(SegmentKeys.topicPrefix("", "t")).isEqualTo("t/");
  }

  @Test
  void shouldBuildListingPrefixes() {
    assertThat(SegmentKeys.partitionPrefix("ns", "t", 12)).isEqualTo("ns/t/12/");
    assertThat(SegmentKeys.topicPrefix("ns", "t")).isEqualTo("ns/t/");
  }

  @Test
  void shouldSortKeysOfAPartitionByBaseOffset() {
    String small = SegmentKeys.segmentKey("ns", "t", 0, 9, 1, "z");
    String large = SegmentKeys.segmentKey("ns", "t", 0, 10, 1, "a");
    assertThat(small).isLessThan(large);
  }

  @Test
  void shouldReadTheBaseOffsetOfALegacyKafscaleKey() {
    assertThat(SegmentKeys.baseOffsetOf("default/t/0/segment-00000000000000000500.kfs"))
        .isEqualTo(500);
    assertThat(SegmentKeys.isSegmentKey("default/t/0/segment-00000000000000000500.index"))
        .isFalse();
  }

  @Test
  void shouldRejectKeysThatCannotBeUnique() {
    assertThatThrownBy(() -> SegmentKeys.segmentKey("ns", "t", 0, 0, 1, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SegmentKeys.segmentKey("ns", "t", 0, -1, 1, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SegmentKeys.indexKeyFor("ns/t/0/foo.index"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
