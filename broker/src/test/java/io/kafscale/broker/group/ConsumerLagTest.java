/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.PartitionRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure lag computation ({@link GroupLag}) and label capping ({@link LagSeries}). */
class ConsumerLagTest {
  private static CommittedOffsetRecord at(long offset) {
    return new CommittedOffsetRecord(offset, 0, "", 0);
  }

  private static GroupLag lag(String group, long... lags) {
    List<PartitionLag> partitions = new java.util.ArrayList<>();
    for (int i = 0; i < lags.length; i++) {
      partitions.add(new PartitionLag("t", i, 100, 100 + lags[i]));
    }
    return new GroupLag(group, partitions);
  }

  @Test
  void shouldComputeLagAsHighWatermarkMinusCommittedOffsetPerPartition() {
    // Given
    Map<PartitionRef, CommittedOffsetRecord> committed =
        Map.of(new PartitionRef("orders", 1), at(40), new PartitionRef("orders", 0), at(10));
    Map<PartitionRef, Long> hws =
        Map.of(new PartitionRef("orders", 0), 25L, new PartitionRef("orders", 1), 40L);

    // When
    GroupLag lag = GroupLag.of("g", committed, hws);

    // Then
    assertThat(lag.partitions())
        .containsExactly(
            new PartitionLag("orders", 0, 10, 25), new PartitionLag("orders", 1, 40, 40));
    assertThat(lag.partitions()).extracting(PartitionLag::lag).containsExactly(15L, 0L);
    assertThat(lag.totalLag()).isEqualTo(15);
  }

  @Test
  void shouldCountNoLagWhenTheCommittedOffsetIsPastTheHighWatermark() {
    // When
    PartitionLag lag = new PartitionLag("t", 0, 50, 20);

    // Then
    assertThat(lag.lag()).isZero();
  }

  @Test
  void shouldLeaveOutPartitionsWithoutAKnownHighWatermark() {
    // Given: the topic of partition "gone-0" was deleted
    Map<PartitionRef, CommittedOffsetRecord> committed =
        Map.of(new PartitionRef("gone", 0), at(5), new PartitionRef("kept", 0), at(5));

    // When
    GroupLag lag = GroupLag.of("g", committed, Map.of(new PartitionRef("kept", 0), 8L));

    // Then
    assertThat(lag.partitions()).extracting(PartitionLag::topic).containsExactly("kept");
    assertThat(lag.totalLag()).isEqualTo(3);
  }

  @Test
  void shouldSaturateTheTotalInsteadOfOverflowing() {
    // Given
    GroupLag lag =
        new GroupLag(
            "g",
            List.of(
                new PartitionLag("t", 0, 0, Long.MAX_VALUE),
                new PartitionLag("t", 1, 0, Long.MAX_VALUE)));

    // When / Then
    assertThat(lag.totalLag()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void shouldExportEveryGroupUnderTheCap() {
    // When
    LagSeries series = LagSeries.of(List.of(lag("a", 1, 2), lag("b", 5)), 10, false);

    // Then
    assertThat(series.groupTotals()).containsExactly(Map.entry("b", 5L), Map.entry("a", 3L));
    assertThat(series.partitions()).isEmpty();
  }

  @Test
  void shouldSumTheGroupsBeyondTheCapIntoOtherKeepingTheLargestLags() {
    // Given
    List<GroupLag> groups = List.of(lag("small", 1), lag("big", 50), lag("mid", 7), lag("x", 2));

    // When
    LagSeries series = LagSeries.of(groups, 2, false);

    // Then
    assertThat(series.groupTotals())
        .containsExactly(
            Map.entry("big", 50L), Map.entry("mid", 7L), Map.entry(LagSeries.OTHER, 3L));
  }

  @Test
  void shouldFoldEveryGroupIntoOtherWhenTheCapIsZero() {
    // When
    LagSeries series = LagSeries.of(List.of(lag("a", 1), lag("b", 2)), 0, true);

    // Then
    assertThat(series.groupTotals()).containsExactly(Map.entry(LagSeries.OTHER, 3L));
    assertThat(series.partitions()).isEmpty();
  }

  @Test
  void shouldFoldARealGroupNamedOtherIntoTheOtherBucket() {
    // When
    LagSeries series = LagSeries.of(List.of(lag("_other", 4), lag("a", 1)), 5, false);

    // Then
    assertThat(series.groupTotals())
        .containsExactly(Map.entry("a", 1L), Map.entry(LagSeries.OTHER, 4L));
  }

  @Test
  void shouldExportPartitionSeriesOnlyWhenAskedAndOnlyForExportedGroups() {
    // Given
    List<GroupLag> groups = List.of(lag("big", 10, 20), lag("small", 1));

    // When
    LagSeries without = LagSeries.of(groups, 1, false);
    LagSeries with = LagSeries.of(groups, 1, true);

    // Then
    assertThat(without.partitions()).isEmpty();
    assertThat(with.partitions())
        .containsExactly(
            new LagSeries.PartitionSeries("big", "t", 0, 10),
            new LagSeries.PartitionSeries("big", "t", 1, 20));
  }

  @Test
  void shouldBreakEqualLagsByGroupIdSoTheChoiceIsStable() {
    // When
    LagSeries series = LagSeries.of(List.of(lag("c", 5), lag("a", 5), lag("b", 5)), 2, false);

    // Then
    assertThat(series.groupTotals().keySet()).containsExactly("a", "b", LagSeries.OTHER);
  }
}
