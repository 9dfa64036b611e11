/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyLayoutTest {
  private final KeyLayout keys = KeyLayout.defaults();

  @Test
  void shouldBuildEveryDocumentedKeyUnderTheDefaultRoot() {
    assertThat(keys.clusterInfo()).isEqualTo("/kafscale/cluster");
    assertThat(keys.topic("orders")).isEqualTo("/kafscale/topics/orders");
    assertThat(keys.partitionState("orders", 3)).isEqualTo("/kafscale/partitions/orders/3/state");
    assertThat(keys.segment("orders", 3, 42))
        .isEqualTo("/kafscale/partitions/orders/3/segments/00000000000000000042");
    assertThat(keys.producer("orders", 3, 7001))
        .isEqualTo("/kafscale/partitions/orders/3/producers/7001");
    assertThat(keys.producerIdBlock()).isEqualTo("/kafscale/producer-ids/next");
  }

  @Test
  void shouldSortSegmentKeysByBaseOffset() {
    assertThat(keys.segment("t", 0, 9)).isLessThan(keys.segment("t", 0, 10));
    assertThat(keys.segment("t", 0, 999_999)).isLessThan(keys.segment("t", 0, Long.MAX_VALUE));
  }

  @Test
  void shouldNotLetATopicPrefixMatchALongerTopicName() {
    assertThat(keys.topic("ab")).doesNotStartWith(keys.partitionsPrefix("a"));
    assertThat(keys.partitionState("ab", 0)).doesNotStartWith(keys.partitionsPrefix("a"));
    assertThat(keys.partitionState("a", 10)).doesNotStartWith(keys.partitionPrefix("a", 1));
  }

  @Test
  void shouldPlaceEveryPartitionKeyUnderItsPrefixes() {
    assertThat(keys.segment("t", 1, 0))
        .startsWith(keys.segmentsPrefix("t", 1))
        .startsWith(keys.partitionsPrefix("t"));
    assertThat(keys.producer("t", 1, 5)).startsWith(keys.producersPrefix("t", 1));
    assertThat(keys.topic("t")).startsWith(keys.topicsPrefix());
  }

  @Test
  void shouldUseACustomRoot() {
    KeyLayout custom = new KeyLayout("/prod/cluster-a");
    assertThat(custom.topic("x")).isEqualTo("/prod/cluster-a/topics/x");
    assertThat(custom.topicNameOf(custom.topic("x"))).isEqualTo("x");
  }

  @Test
  void shouldClassifyPartitionKeys() {
    assertThat(keys.isSegmentKey(keys.segment("t", 2, 5))).isTrue();
    assertThat(keys.isSegmentKey(keys.partitionState("t", 2))).isFalse();
    assertThat(keys.isPartitionStateKey(keys.partitionState("t", 2))).isTrue();
    assertThat(keys.isPartitionStateKey(keys.producer("t", 2, 1))).isFalse();
  }

  @Test
  void shouldRejectNamesAndNumbersThatWouldBreakTheLayout() {
    assertThatThrownBy(() -> keys.topic("a/b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keys.topic("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keys.partitionState("t", -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keys.segment("t", 0, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyLayout("kafscale"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyLayout("/kafscale/"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
