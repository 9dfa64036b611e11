/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.broker.group.GroupEvent.Join;
import io.kafscale.broker.group.GroupResponse.JoinResponse;
import io.kafscale.broker.group.GroupResponse.SyncResponse;
import java.util.Optional;

/**
 * KIP-345: a known group.instance.id joins without a member id (a restarted static member). It
 * takes over the old member's slot under a new member id; the old id is fenced. In a Stable group
 * whose chosen protocol would not change it gets its old assignment back with no rebalance.
 */
final class StaticRejoin {
  private final Rebalance rebalance;

  StaticRejoin(Rebalance rebalance) {
    this.rebalance = rebalance;
  }

  void replace(GroupDraft group, Join join, String oldId, String newId) {
    Member old = group.get(oldId);
    // whoever still waits under the old id is a zombie of this instance
    group.answerJoin(
        old, JoinResponse.failed(old.joinRequestId(), ErrorKind.FENCED_INSTANCE_ID, oldId));
    group.answerSync(old, SyncResponse.failed(old.syncRequestId(), ErrorKind.FENCED_INSTANCE_ID));
    Optional<String> previousLeader = group.leaderId;
    Member renamed =
        group
            .get(oldId)
            .withMemberId(newId)
            .rejoined(join)
            .heartbeat(join.nowMs())
            .withJoinRequest(join.requestId());
    group.rename(oldId, renamed);
    switch (group.state) {
      case STABLE -> rejoinStable(group, join, renamed, previousLeader);
      case COMPLETING_REBALANCE -> rebalance.trigger(group, join.nowMs());
      case PREPARING_REBALANCE -> rebalance.tryCompleteJoin(group, join.nowMs());
      case EMPTY, DEAD -> throw new IllegalStateException("static member in " + group.state);
    }
  }

  private void rejoinStable(
      GroupDraft group, Join join, Member renamed, Optional<String> previousLeader) {
    Optional<String> nextProtocol = ProtocolSelection.select(group.members.values());
    if (!nextProtocol.equals(group.protocolName)) {
      rebalance.trigger(group, join.nowMs());
      return;
    }
    group.update(renamed.withJoinRequest(Member.NO_REQUEST));
    group.persistRequested = true;
    boolean leader = group.isLeader(renamed.memberId());
    if (join.supportsSkipAssignment()) {
      // KIP-814: a static leader learns it leads, with the members, but must not reassign
      group.responses.add(group.joinAnswer(join.requestId(), renamed.memberId(), leader, leader));
    } else {
      // older clients: name the old leader id so the restarted leader does not assign
      JoinResponse answer = group.joinAnswer(join.requestId(), renamed.memberId(), false, false);
      group.responses.add(
          new JoinResponse(
              answer.requestId(),
              answer.error(),
              answer.memberId(),
              answer.generation(),
              answer.protocolType(),
              answer.protocolName(),
              previousLeader.orElse(""),
              false,
              answer.members()));
    }
  }
}
