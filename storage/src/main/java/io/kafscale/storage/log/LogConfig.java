/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

/**
 * Per-topic settings a partition log obeys. Immutable.
 *
 * @param maxMessageBytes max.message.bytes: largest record batch accepted
 * @param logAppendTime message.timestamp.type=LogAppendTime
 * @param timestampBeforeMaxMs message.timestamp.before.max.ms: with CreateTime, how far a batch's
 *     timestamp may lie before the broker's clock
 * @param timestampAfterMaxMs message.timestamp.after.max.ms: with CreateTime, how far a batch's
 *     timestamp may lie after the broker's clock
 * @param compact cleanup.policy contains compact: every record needs a key
 * @param segmentBytes segment.bytes: a flush starts once this many bytes are staged (the broker's
 *     own flush size still applies when smaller)
 */
public record LogConfig(
    int maxMessageBytes,
    boolean logAppendTime,
    long timestampBeforeMaxMs,
    long timestampAfterMaxMs,
    boolean compact,
    long segmentBytes) {
  /** Kafka's default max.message.bytes. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

  public LogConfig {
    if (maxMessageBytes < 0 || timestampBeforeMaxMs < 0 || timestampAfterMaxMs < 0) {
      throw new IllegalArgumentException(
          "max.message.bytes and timestamp bounds must be >= 0: "
              + maxMessageBytes
              + ", "
              + timestampBeforeMaxMs
              + ", "
              + timestampAfterMaxMs);
    }
    if (segmentBytes <= 0) {
      throw new IllegalArgumentException("segment.bytes must be > 0: " + segmentBytes);
    }
  }

  /** Without timestamp bounds, key requirement or segment size limit. */
  public LogConfig(int maxMessageBytes, boolean logAppendTime) {
    this(maxMessageBytes, logAppendTime, Long.MAX_VALUE, Long.MAX_VALUE, false, Long.MAX_VALUE);
  }

  /** Kafka's max.message.bytes and CreateTime, with no timestamp bounds, keys or segment limit. */
  public static LogConfig defaults() {
    return new LogConfig(DEFAULT_MAX_MESSAGE_BYTES, false);
  }
}
