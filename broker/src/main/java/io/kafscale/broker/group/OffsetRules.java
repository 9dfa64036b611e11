/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.PartitionRef;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Kafka's offset rules of classic groups, pure: who may commit, and which offsets expire. */
public final class OffsetRules {
  private OffsetRules() {}

  /**
   * Kafka's ClassicGroup.validateOffsetCommit: a commit with generation -1 into an Empty group
   * comes from an {@code assign()} consumer or an admin and is accepted; otherwise the sender must
   * be the current member at the current generation, and not while the group awaits the leader's
   * assignment.
   */
  public static ErrorKind validateCommit(
      Group group, String memberId, Optional<String> groupInstanceId, int generation) {
    if (group.state() == GroupState.DEAD) {
      return ErrorKind.COORDINATOR_NOT_AVAILABLE;
    }
    if (generation < 0 && group.state() == GroupState.EMPTY) {
      return ErrorKind.NONE;
    }
    if (generation >= 0 || !memberId.isEmpty() || groupInstanceId.isPresent()) {
      if (groupInstanceId.isPresent()) {
        String holder = group.staticMembers().get(groupInstanceId.get());
        if (holder != null && !holder.equals(memberId)) {
          return ErrorKind.FENCED_INSTANCE_ID;
        }
      }
      if (group.member(memberId).isEmpty()) {
        return ErrorKind.UNKNOWN_MEMBER_ID;
      }
      if (generation != group.generation()) {
        return ErrorKind.ILLEGAL_GENERATION;
      }
    } else if (group.state() != GroupState.EMPTY) {
      return ErrorKind.UNKNOWN_MEMBER_ID;
    }
    if (group.state() == GroupState.COMPLETING_REBALANCE) {
      return ErrorKind.REBALANCE_IN_PROGRESS;
    }
    return ErrorKind.NONE;
  }

  /**
   * The offsets that expired at {@code nowMs} (Kafka KIP-211): only Empty groups lose offsets; a
   * group that used a protocol counts from when it became Empty ({@code emptySinceMs}), a group
   * that never had members (assign() consumers) from each offset's commit time.
   */
  public static Set<PartitionRef> expired(
      Group group,
      Map<PartitionRef, CommittedOffsetRecord> offsets,
      long emptySinceMs,
      long nowMs,
      long retentionMs) {
    Set<PartitionRef> expired = new TreeSet<>();
    if (group.state() != GroupState.EMPTY) {
      return expired;
    }
    boolean byState = group.protocolType().isPresent() && emptySinceMs >= 0;
    offsets.forEach(
        (p, o) -> {
          long base = byState ? emptySinceMs : o.commitTimestampMs();
          if (nowMs - base >= retentionMs) {
            expired.add(p);
          }
        });
    return expired;
  }
}
