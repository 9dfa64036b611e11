/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

/**
 * What {@link PartitionLog#trim} should remove; the log turns it into a {@link RetentionPlan} on
 * its current state when the trim runs. Immutable.
 */
public sealed interface TrimRequest {

  /** Topic retention ({@code retention.ms} / {@code retention.bytes}; negative = infinite). */
  record Retention(long retentionMs, long retentionBytes) implements TrimRequest {}

  /**
   * DeleteRecords: move the log start to {@code offset} ({@code -1}: the high watermark). An offset
   * above the high watermark fails with OFFSET_OUT_OF_RANGE; one below the log start changes
   * nothing.
   */
  record DeleteBefore(long offset) implements TrimRequest {
    /** Kafka's "up to the high watermark" marker. */
    public static final long HIGH_WATERMARK = -1;
  }
}
