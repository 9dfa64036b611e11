/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Invariants of the label cap: bounded series, nothing lost from the total. */
class LagSeriesProperties {

  @Property
  void shouldBoundTheGroupLabelsAndKeepTheTotal(
      @ForAll @Size(max = 40) List<@LongRange(min = 0, max = 1_000_000) Long> lags,
      @ForAll @IntRange(min = 0, max = 20) int maxGroups,
      @ForAll boolean perPartition) {
    // Given
    List<GroupLag> groups = new ArrayList<>();
    for (int i = 0; i < lags.size(); i++) {
      groups.add(new GroupLag("g" + i, List.of(new PartitionLag("t", 0, 0, lags.get(i)))));
    }

    // When
    LagSeries series = LagSeries.of(groups, maxGroups, perPartition);

    // Then
    assertThat(series.groupTotals().size()).isLessThanOrEqualTo(maxGroups + 1);
    long total = lags.stream().mapToLong(Long::longValue).sum();
    assertThat(series.groupTotals().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(total);
    assertThat(series.partitions().size()).isLessThanOrEqualTo(perPartition ? maxGroups : 0);
  }
}
