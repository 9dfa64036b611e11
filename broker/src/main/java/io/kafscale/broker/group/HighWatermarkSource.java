/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.metadata.model.PartitionRef;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Port: the current high watermarks of a batch of partitions. Thread-safe. */
@FunctionalInterface
public interface HighWatermarkSource {
  /**
   * The high watermark of each partition of {@code partitions} that exists; unknown partitions are
   * absent from the map. Reads all of them in one batch.
   */
  CompletableFuture<Map<PartitionRef, Long>> highWatermarks(Set<PartitionRef> partitions);
}
