/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

/**
 * Per-topic settings a partition log obeys: {@code maxMessageBytes} (max.message.bytes: largest
 * record batch accepted) and {@code logAppendTime} (message.timestamp.type=LogAppendTime).
 */
public record LogConfig(int maxMessageBytes, boolean logAppendTime) {
  /** Kafka's default max.message.bytes. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

  public static LogConfig defaults() {
    return new LogConfig(DEFAULT_MAX_MESSAGE_BYTES, false);
  }
}
