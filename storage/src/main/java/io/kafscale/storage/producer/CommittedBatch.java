/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.producer;

/** A staged batch together with the offsets a flush assigned to it and the time it was written. */
public record CommittedBatch(
    ProducerCheck.StagedRef ref, long firstOffset, long lastOffset, long timestamp) {}
