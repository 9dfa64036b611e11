/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.segment;

import java.nio.ByteBuffer;

/**
 * The result of {@link SegmentEncoder#encode}: the segment and index objects to upload and the
 * summary values the segment reference and the produce responses need. The buffers are new heap
 * buffers owned by the caller (position 0, limit = size); {@code batchBaseOffsets} must not be
 * modified.
 *
 * @param baseOffset offset of the first record
 * @param lastOffset offset of the last record
 * @param recordCount number of records in all batches
 * @param maxTimestamp largest batch {@code maxTimestamp}
 * @param crc CRC-32C of the batch region (also in the footer)
 * @param batchBaseOffsets assigned base offset of input batch {@code i}
 */
public record EncodedSegment(
    ByteBuffer segment,
    ByteBuffer index,
    long baseOffset,
    long lastOffset,
    int recordCount,
    long maxTimestamp,
    int crc,
    long[] batchBaseOffsets) {}
