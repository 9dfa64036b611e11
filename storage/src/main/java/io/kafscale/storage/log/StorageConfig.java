/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

import java.time.Duration;

/**
 * Settings shared by every partition log of a broker: object key namespace, flush triggers (staged
 * bytes, age of the oldest staged batch), the byte budget of the segment cache, and the sparse
 * index interval in bytes.
 */
public record StorageConfig(
    String namespace, long flushMaxBytes, Duration flushMaxAge, long cacheBytes, int indexIntervalBytes) {}
