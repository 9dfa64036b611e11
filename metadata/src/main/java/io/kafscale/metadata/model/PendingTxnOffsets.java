/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.Map;
import java.util.Objects;

/**
 * One producer's transactional offset commits for one group that the group does not see yet: they
 * become its committed offsets when the producer's transaction commits and are dropped when it
 * aborts. Immutable.
 */
public record PendingTxnOffsets(
    long producerId, short producerEpoch, Map<PartitionRef, CommittedOffsetRecord> offsets) {
  public PendingTxnOffsets {
    Objects.requireNonNull(offsets, "offsets");
    offsets = Map.copyOf(offsets);
  }
}
