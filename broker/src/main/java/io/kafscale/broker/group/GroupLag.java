/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.PartitionRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lag of one group over the partitions it has committed offsets for, sorted by topic and
 * partition. Immutable; {@link #of} is pure.
 */
public record GroupLag(String groupId, List<PartitionLag> partitions) {
  public GroupLag {
    partitions = List.copyOf(partitions);
  }

  /**
   * The lag of {@code groupId} from its committed offsets and the partitions' high watermarks.
   * Partitions without a known high watermark (topic deleted, partition not readable) are left out
   * rather than reported with a made-up lag.
   */
  public static GroupLag of(
      String groupId,
      Map<PartitionRef, CommittedOffsetRecord> committed,
      Map<PartitionRef, Long> highWatermarks) {
    List<PartitionLag> lags = new ArrayList<>();
    committed.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              Long hw = highWatermarks.get(e.getKey());
              if (hw != null) {
                lags.add(
                    new PartitionLag(
                        e.getKey().topic(), e.getKey().partition(), e.getValue().offset(), hw));
              }
            });
    return new GroupLag(groupId, lags);
  }

  /** The sum of the partitions' lags (saturating, so absurd offsets cannot wrap negative). */
  public long totalLag() {
    long sum = 0;
    for (PartitionLag p : partitions) {
      sum = sum + p.lag() < sum ? Long.MAX_VALUE : sum + p.lag();
    }
    return sum;
  }
}
