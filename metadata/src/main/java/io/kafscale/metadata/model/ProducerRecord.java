/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.List;

/**
 * Stored idempotence state of one producer on one partition (mirror of storage's ProducerSnapshot).
 */
public record ProducerRecord(
    long producerId,
    short producerEpoch,
    List<Batch> lastBatches,
    long lastUpdateMs,
    long currentTxnFirstOffset) {

  /** {@link #currentTxnFirstOffset} of a producer without an ongoing transaction. */
  public static final long NO_TXN = -1;

  public ProducerRecord {
    lastBatches = List.copyOf(lastBatches);
  }

  /** One of the producer's last committed batches. */
  public record Batch(
      int firstSequence, int lastSequence, long firstOffset, long lastOffset, long timestamp) {}
}
