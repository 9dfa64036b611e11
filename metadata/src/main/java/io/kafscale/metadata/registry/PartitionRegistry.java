/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry;

import io.kafscale.metadata.model.PartitionRecord;
import io.kafscale.metadata.model.ProducerRecord;
import io.kafscale.metadata.model.SegmentRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Partition ownership and committed log state in the metadata store. Thread-safe. */
public interface PartitionRegistry {

  /**
   * Makes {@code brokerId} the owner of the partition with a leader epoch one higher than the
   * stored one (compare-and-set), and returns the partition's state under that new epoch. Fails
   * with {@link UnknownTopicException} if the topic or partition does not exist.
   */
  CompletableFuture<PartitionRecord> claim(String topic, int partition, int brokerId);

  /**
   * In one transaction that checks the stored leader epoch equals {@code epoch}: adds the segment
   * reference, sets the high watermark to {@code segment.lastOffset() + 1}, and stores the producer
   * states. Fails with {@link FencedEpochException} when the epoch moved.
   */
  CompletableFuture<Void> commitSegment(
      String topic,
      int partition,
      int epoch,
      SegmentRecord segment,
      List<ProducerRecord> producers);
}
