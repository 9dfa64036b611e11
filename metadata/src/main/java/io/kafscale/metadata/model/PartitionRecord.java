/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.List;

/**
 * Everything a new owner needs to open a partition: owner broker and leader epoch (only grows), log
 * start offset, high watermark, committed segments in offset order, and producer states.
 */
public record PartitionRecord(
    String topic,
    int partition,
    int ownerBrokerId,
    int leaderEpoch,
    long logStartOffset,
    long highWatermark,
    List<SegmentRecord> segments,
    List<ProducerRecord> producers) {
  public PartitionRecord {
    segments = List.copyOf(segments);
    producers = List.copyOf(producers);
  }
}
