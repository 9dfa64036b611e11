/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.List;

/**
 * The broker each partition of a topic should be owned by (index = partition, {@link #UNASSIGNED} =
 * none), as decided by the controller.
 */
public record AssignmentRecord(List<Integer> brokerIds) {
  public static final int UNASSIGNED = -1;

  public AssignmentRecord {
    brokerIds = List.copyOf(brokerIds);
  }

  /** The target broker of {@code partition}, or {@link #UNASSIGNED} beyond the list. */
  public int target(int partition) {
    return partition >= 0 && partition < brokerIds.size() ? brokerIds.get(partition) : UNASSIGNED;
  }

  public int partitionCount() {
    return brokerIds.size();
  }
}
