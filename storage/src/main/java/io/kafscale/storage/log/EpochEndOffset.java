/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.log;

/**
 * Answer to "where does leader epoch N end?" (OffsetForLeaderEpoch, KIP-101/KIP-320): {@code
 * endOffset} is the first offset written by a later epoch (or the high watermark for the latest
 * epoch) and {@code leaderEpoch} the largest known epoch not above the requested one. {@link
 * #UNDEFINED} ({@code -1, -1}) when the epoch is unknown to this log.
 */
public record EpochEndOffset(int leaderEpoch, long endOffset) {
  public static final int UNDEFINED_EPOCH = -1;
  public static final long UNDEFINED_OFFSET = -1;

  /** The answer for an epoch this log cannot place (above its latest, or undefined). */
  public static final EpochEndOffset UNDEFINED =
      new EpochEndOffset(UNDEFINED_EPOCH, UNDEFINED_OFFSET);

  public boolean isUndefined() {
    return endOffset == UNDEFINED_OFFSET;
  }
}
