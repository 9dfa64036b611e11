/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

/** An offset together with a record timestamp (ListOffsets answers). */
public record TimestampedOffset(long offset, long timestamp) {}
