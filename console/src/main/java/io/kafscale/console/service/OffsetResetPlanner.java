/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import io.kafscale.console.http.ApiException;
import java.util.Locale;

/**
 * The new committed offset of one partition for a reset strategy, as {@code kafka-consumer-groups
 * --reset-offsets} computes it: {@code earliest}, {@code latest}, {@code offset} (to a value),
 * {@code timestamp} (first offset at or after it, the log end when none), {@code shift} (current
 * plus value); the result is clamped into {@code [logStart, logEnd]}. Pure.
 */
public final class OffsetResetPlanner {
  /** The strategies the API accepts. */
  public enum Strategy {
    EARLIEST,
    LATEST,
    OFFSET,
    TIMESTAMP,
    SHIFT;

    public static Strategy parse(String name) {
      if (name == null) {
        throw ApiException.badRequest("'strategy' is required");
      }
      try {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(
            "strategy must be earliest, latest, offset, timestamp or shift");
      }
    }

    public boolean needsValue() {
      return this == OFFSET || this == TIMESTAMP || this == SHIFT;
    }
  }

  private OffsetResetPlanner() {}

  /**
   * @param current the committed offset, or null when the group has none for the partition
   * @param atTimestamp the offset for the timestamp strategy (negative when no record is that new)
   */
  public static long newOffset(
      Strategy strategy, Long value, Long current, long logStart, long logEnd, long atTimestamp) {
    long target =
        switch (strategy) {
          case EARLIEST -> logStart;
          case LATEST -> logEnd;
          case OFFSET -> value;
          case TIMESTAMP -> atTimestamp < 0 ? logEnd : atTimestamp;
          // Without a committed offset Kafka's tool shifts from the position a consumer would
          // take; the console takes the log end, the default auto.offset.reset=latest.
          case SHIFT -> (current == null ? logEnd : current) + value;
        };
    return Math.max(logStart, Math.min(logEnd, target));
  }
}
