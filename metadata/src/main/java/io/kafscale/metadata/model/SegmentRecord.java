/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

/**
 * A committed segment reference as stored in the metadata store (mirror of storage's SegmentRef).
 */
public record SegmentRecord(
    String objectKey,
    String indexKey,
    long position,
    int length,
    long baseOffset,
    long lastOffset,
    long maxTimestamp,
    int epoch,
    int crc,
    long createdAtMs) {

  /**
   * {@code indexKey} is null when the segment has no index object; "" (proto3's "unset") means the
   * same.
   */
  public SegmentRecord {
    if (indexKey != null && indexKey.isEmpty()) {
      indexKey = null;
    }
  }
}
