/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.producer;

import java.util.List;

/**
 * Durable idempotence state of one producer on one partition: its epoch and its last (up to five)
 * committed batches, oldest first.
 */
public record ProducerSnapshot(
    long producerId, short producerEpoch, List<BatchEntry> lastBatches, long lastUpdateMs) {

  /** One committed batch: its sequence range and the offsets it got. */
  public record BatchEntry(
      int firstSequence, int lastSequence, long firstOffset, long lastOffset, long timestamp) {}
}
