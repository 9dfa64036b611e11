/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

/** A committed segment reference as stored in the metadata store (mirror of storage's SegmentRef). */
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
    long createdAtMs) {}
