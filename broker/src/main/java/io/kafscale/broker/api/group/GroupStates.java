/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.group;

import io.kafscale.broker.group.GroupState;

/** Kafka's names of classic group states, as DescribeGroups and ListGroups carry them. */
final class GroupStates {
  private GroupStates() {}

  static String name(GroupState state) {
    return switch (state) {
      case EMPTY -> "Empty";
      case PREPARING_REBALANCE -> "PreparingRebalance";
      case COMPLETING_REBALANCE -> "CompletingRebalance";
      case STABLE -> "Stable";
      case DEAD -> "Dead";
    };
  }
}
