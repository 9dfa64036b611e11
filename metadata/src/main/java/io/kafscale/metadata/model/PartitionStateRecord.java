/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

/**
 * The stored ownership and bounds of one partition: owner broker ({@link #NO_OWNER} before the
 * first claim), leader epoch (only grows), log start offset and high watermark.
 */
public record PartitionStateRecord(
    int ownerBrokerId, int leaderEpoch, long logStartOffset, long highWatermark) {
  public static final int NO_OWNER = -1;

  /** The state of a partition that was just created. */
  public static PartitionStateRecord initial() {
    return new PartitionStateRecord(NO_OWNER, 0, 0, 0);
  }
}
