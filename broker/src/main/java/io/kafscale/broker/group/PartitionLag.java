/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

/**
 * The lag of one group on one partition: how many offsets lie between the group's committed offset
 * and the partition's high watermark (never negative: a committed offset past the high watermark,
 * e.g. of a re-created topic, counts as no lag).
 */
public record PartitionLag(String topic, int partition, long committedOffset, long highWatermark) {
  public long lag() {
    return Math.max(0, highWatermark - committedOffset);
  }
}
