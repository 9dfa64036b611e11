/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import io.kafscale.storage.producer.ProducerSnapshot;
import java.util.List;

/** Committed state a new owner opens a partition log from (as read from the metadata store). */
public record RecoveredPartition(
    long logStartOffset,
    long highWatermark,
    List<SegmentRef> segments,
    List<ProducerSnapshot> producers) {
  public RecoveredPartition {
    segments = List.copyOf(segments);
    producers = List.copyOf(producers);
  }

  public static RecoveredPartition empty() {
    return new RecoveredPartition(0, 0, List.of(), List.of());
  }
}
