/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.console.http.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

class GroupServiceTest {
  private static final TopicPartition LIVE = new TopicPartition("orders", 0);
  private static final TopicPartition DELETED = new TopicPartition("gone", 0);

  private static KafkaFuture<ListOffsetsResultInfo> failed(RuntimeException e) {
    KafkaFutureImpl<ListOffsetsResultInfo> f = new KafkaFutureImpl<>();
    f.completeExceptionally(e);
    return f;
  }

  @Test
  void shouldKeepOtherPartitionsEndOffsetsWhenOneTopicWasDeleted() {
    // Given
    Map<TopicPartition, KafkaFuture<ListOffsetsResultInfo>> futures = new LinkedHashMap<>();
    futures.put(
        LIVE, KafkaFuture.completedFuture(new ListOffsetsResultInfo(42, -1, Optional.empty())));
    futures.put(DELETED, failed(new UnknownTopicOrPartitionException("gone")));

    // When
    Map<TopicPartition, Long> ends = TopicService.known(futures, 1000);

    // Then
    assertThat(ends).containsExactly(Map.entry(LIVE, 42L));
  }

  @Test
  void shouldFailEndOffsetsWhenTheClusterIsUnavailable() {
    Map<TopicPartition, KafkaFuture<ListOffsetsResultInfo>> futures =
        Map.of(LIVE, failed(new org.apache.kafka.common.errors.TimeoutException("down")));
    assertThatThrownBy(() -> TopicService.known(futures, 1000))
        .isInstanceOf(ApiException.class)
        .extracting(e -> ((ApiException) e).status())
        .isEqualTo(503);
  }

  @Test
  void shouldMakeTotalLagUnknownWhenAnyPartitionLagIsUnknown() {
    // Given a committed offset on a deleted topic (no end offset) next to a live one
    Map<TopicPartition, OffsetAndMetadata> committed = new LinkedHashMap<>();
    committed.put(LIVE, new OffsetAndMetadata(40));
    committed.put(DELETED, new OffsetAndMetadata(7));

    // When
    var lags = GroupService.lags(committed, Map.of(LIVE, 42L));

    // Then
    assertThat(lags)
        .extracting(GroupService.OffsetLag::lag)
        .containsExactly(null, 2L); // sorted by topic: gone, orders
    assertThat(GroupService.totalLag(lags)).isNull();
    assertThat(
            GroupService.totalLag(
                GroupService.lags(Map.of(LIVE, new OffsetAndMetadata(40)), Map.of(LIVE, 42L))))
        .isEqualTo(2L);
  }

  @Test
  void shouldDescribeOnlyConsumerGroupsAndListOthersWithTheirType() {
    GroupListing consumer =
        new GroupListing(
            "app", Optional.of(GroupType.CLASSIC), "consumer", Optional.of(GroupState.STABLE));
    GroupListing simple =
        new GroupListing(
            "offsets-only", Optional.of(GroupType.CLASSIC), "", Optional.of(GroupState.EMPTY));
    GroupListing connect =
        new GroupListing(
            "connect-cluster",
            Optional.of(GroupType.CLASSIC),
            "connect",
            Optional.of(GroupState.STABLE));

    assertThat(GroupService.isConsumerGroup(consumer)).isTrue();
    assertThat(GroupService.isConsumerGroup(simple)).isTrue();
    assertThat(GroupService.isConsumerGroup(connect)).isFalse();
  }
}
