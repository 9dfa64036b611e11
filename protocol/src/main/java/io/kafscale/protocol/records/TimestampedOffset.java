/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.records;

/** The offset and timestamp of one record, as found by a timestamp lookup (ListOffsets). */
public record TimestampedOffset(long offset, long timestamp) {}
