/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.Map;
import java.util.Optional;

/** What the store holds for one group: its record (if any) and its committed offsets. */
public record StoredGroup(
    Optional<GroupRecord> group, Map<PartitionRef, CommittedOffsetRecord> offsets) {
  public StoredGroup {
    offsets = Map.copyOf(offsets);
  }
}
