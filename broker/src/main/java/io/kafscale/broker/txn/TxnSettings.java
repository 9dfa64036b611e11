/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

/**
 * Settings of the transaction coordinator logic.
 *
 * @param maxTimeoutMs transaction.max.timeout.ms: larger InitProducerId timeouts are refused with
 *     INVALID_TRANSACTION_TIMEOUT
 * @param offsetsTopicPartitions partition count of {@code __consumer_offsets}, to find a group's
 *     offsets partition for AddOffsetsToTxn
 * @param transactionPartitions configured partition count of {@value TransactionPartitions#TOPIC}
 *     (transaction.state.log.num.partitions), used until the topic exists
 */
public record TxnSettings(int maxTimeoutMs, int offsetsTopicPartitions, int transactionPartitions) {
  /** Kafka's default transaction.max.timeout.ms (15 minutes). */
  public static final int DEFAULT_MAX_TIMEOUT_MS = 900_000;

  public TxnSettings {
    if (maxTimeoutMs <= 0 || offsetsTopicPartitions <= 0 || transactionPartitions <= 0) {
      throw new IllegalArgumentException(
          "max timeout and partition counts must be positive: "
              + maxTimeoutMs
              + ", "
              + offsetsTopicPartitions
              + ", "
              + transactionPartitions);
    }
  }

  /** With Kafka's default of 50 {@value TransactionPartitions#TOPIC} partitions. */
  public TxnSettings(int maxTimeoutMs, int offsetsTopicPartitions) {
    this(maxTimeoutMs, offsetsTopicPartitions, TransactionPartitions.DEFAULT_COUNT);
  }

  /** Kafka's defaults: 15 minutes, 50 offsets partitions, 50 transaction state partitions. */
  public static TxnSettings defaults() {
    return new TxnSettings(DEFAULT_MAX_TIMEOUT_MS, 50);
  }
}
