/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

/**
 * Outcome of a committed append: offsets of the first and last record of the appended batches, log
 * append time (-1: CreateTime topics) and the log start offset at commit time.
 */
public record AppendResult(
    long baseOffset, long lastOffset, long logAppendTimeMs, long logStartOffset) {}
