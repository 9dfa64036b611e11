/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.Objects;

/**
 * The live owner of a partition: broker id, the leader epoch it claimed, and its process
 * incarnation. Stored under the owner's lease, so it vanishes when the owner's lease does.
 */
public record OwnerRecord(int brokerId, int leaderEpoch, String incarnation) {
  public OwnerRecord {
    Objects.requireNonNull(incarnation, "incarnation");
  }
}
