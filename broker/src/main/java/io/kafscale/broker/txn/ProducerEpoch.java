/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

/** A producer id with one of its epochs (Kafka's ProducerIdAndEpoch). Immutable. */
public record ProducerEpoch(long producerId, short epoch) {
  /** Kafka's RecordBatch.NO_PRODUCER_ID. */
  public static final long NO_PRODUCER_ID = -1L;

  /** Kafka's RecordBatch.NO_PRODUCER_EPOCH. */
  public static final short NO_EPOCH = -1;

  /** Kafka's TransactionMetadata.isEpochExhausted: no epoch bump is left for this producer id. */
  public static boolean isExhausted(short epoch) {
    return epoch >= Short.MAX_VALUE - 1;
  }
}
