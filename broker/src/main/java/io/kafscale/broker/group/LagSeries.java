/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lag series one broker exports, with bounded labels: at most {@code maxGroups} groups get
 * their own {@code group} value, chosen by largest total lag (then group id, so the choice is
 * stable between equal lags); the lag of every other group is summed into {@value #OTHER}, which
 * never has per-partition series. A real group named {@value #OTHER} is folded into that bucket.
 * Immutable; {@link #of} is pure.
 *
 * @param groupTotals total lag by group label, in export order ({@value #OTHER} last when present)
 * @param partitions per-partition series of the exported groups; empty unless requested
 */
public record LagSeries(Map<String, Long> groupTotals, List<PartitionSeries> partitions) {
  /** The label of the groups beyond the cap. */
  public static final String OTHER = "_other";

  /** One per-partition series. */
  public record PartitionSeries(String group, String topic, int partition, long lag) {}

  public LagSeries {
    groupTotals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groupTotals));
    partitions = List.copyOf(partitions);
  }

  /** The series for {@code groups} under the cap. */
  public static LagSeries of(List<GroupLag> groups, int maxGroups, boolean perPartition) {
    List<GroupLag> ranked =
        groups.stream()
            .sorted(
                Comparator.comparingLong(GroupLag::totalLag)
                    .reversed()
                    .thenComparing(GroupLag::groupId))
            .toList();
    Map<String, Long> totals = new LinkedHashMap<>();
    List<PartitionSeries> partitions = new ArrayList<>();
    long other = 0;
    boolean hasOther = false;
    int exported = 0;
    for (GroupLag g : ranked) {
      if (exported < maxGroups && !g.groupId().equals(OTHER)) {
        exported++;
        totals.put(g.groupId(), g.totalLag());
        if (perPartition) {
          g.partitions()
              .forEach(
                  p ->
                      partitions.add(
                          new PartitionSeries(g.groupId(), p.topic(), p.partition(), p.lag())));
        }
      } else {
        hasOther = true;
        other = other + g.totalLag() < other ? Long.MAX_VALUE : other + g.totalLag();
      }
    }
    if (hasOther) {
      totals.put(OTHER, other);
    }
    return new LagSeries(totals, partitions);
  }
}
