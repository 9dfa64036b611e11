/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.producer;

import java.util.List;

/**
 * Durable idempotence state of one producer on one partition: its epoch, its last (up to five)
 * committed batches, oldest first, and the first offset of its ongoing transaction on this
 * partition ({@link #NO_TXN} when none).
 */
public record ProducerSnapshot(
    long producerId,
    short producerEpoch,
    List<BatchEntry> lastBatches,
    long lastUpdateMs,
    long currentTxnFirstOffset) {

  /** {@link #currentTxnFirstOffset} of a producer without an ongoing transaction. */
  public static final long NO_TXN = -1;

  public boolean hasOngoingTxn() {
    return currentTxnFirstOffset >= 0;
  }

  /** One committed batch: its sequence range and the offsets it got. */
  public record BatchEntry(
      int firstSequence, int lastSequence, long firstOffset, long lastOffset, long timestamp) {}
}
