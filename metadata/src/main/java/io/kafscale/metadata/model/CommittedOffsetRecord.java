/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.Objects;

/**
 * A committed offset of one partition for one group: the offset, the leader epoch of the record
 * before it ({@code -1} when unknown), the client's metadata string and the commit time.
 */
public record CommittedOffsetRecord(
    long offset, int leaderEpoch, String metadata, long commitTimestampMs) {
  public CommittedOffsetRecord {
    Objects.requireNonNull(metadata, "metadata");
  }
}
