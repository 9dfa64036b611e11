/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.broker.group.GroupEvent.Delete;
import io.kafscale.broker.group.GroupEvent.Leave;
import io.kafscale.broker.group.GroupEvent.LeavingMember;
import io.kafscale.broker.group.GroupResponse.DeleteResponse;
import io.kafscale.broker.group.GroupResponse.LeaveResponse;
import io.kafscale.broker.group.GroupResponse.MemberLeaveResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Members going away: LeaveGroup, session expiry, and deleting an empty group. */
final class MembershipLogic {
  private final Rebalance rebalance;

  MembershipLogic(Rebalance rebalance) {
    this.rebalance = rebalance;
  }

  void leave(GroupDraft group, Leave leave) {
    if (group.state == GroupState.DEAD) {
      group.responses.add(
          new LeaveResponse(leave.requestId(), ErrorKind.COORDINATOR_NOT_AVAILABLE, List.of()));
      return;
    }
    List<MemberLeaveResult> results = new ArrayList<>();
    for (LeavingMember leaving : leave.members()) {
      results.add(
          new MemberLeaveResult(
              leaving.memberId(),
              leaving.groupInstanceId(),
              leaveOne(group, leaving, leave.nowMs())));
    }
    group.responses.add(new LeaveResponse(leave.requestId(), ErrorKind.NONE, results));
  }

  private ErrorKind leaveOne(GroupDraft group, LeavingMember leaving, long nowMs) {
    if (leaving.memberId().isEmpty()) {
      // an administrator removing a static member by its instance id alone
      String holder = leaving.groupInstanceId().map(group.staticMembers::get).orElse(null);
      if (holder == null) {
        return ErrorKind.UNKNOWN_MEMBER_ID;
      }
      rebalance.removeMember(group, holder, nowMs);
      return ErrorKind.NONE;
    }
    if (group.pendingMembers.remove(leaving.memberId()) != null) {
      rebalance.tryCompleteJoin(group, nowMs);
      return ErrorKind.NONE;
    }
    return MemberValidation.validate(group, leaving.memberId(), leaving.groupInstanceId())
        .orElseGet(
            () -> {
              rebalance.removeMember(group, leaving.memberId(), nowMs);
              return ErrorKind.NONE;
            });
  }

  /** Expires pending member ids and members whose session deadline passed at {@code nowMs}. */
  void expireSessions(GroupDraft group, long nowMs) {
    if (group.state == GroupState.DEAD) {
      return;
    }
    boolean pendingExpired = false;
    for (Map.Entry<String, Long> pending : List.copyOf(group.pendingMembers.entrySet())) {
      if (nowMs >= pending.getValue()) {
        group.pendingMembers.remove(pending.getKey());
        pendingExpired = true;
      }
    }
    if (pendingExpired) {
      rebalance.tryCompleteJoin(group, nowMs);
    }
    for (Member member : List.copyOf(group.members.values())) {
      Member current = group.get(member.memberId());
      if (current != null && current.isExpiredAt(nowMs)) {
        rebalance.removeMember(group, current.memberId(), nowMs);
      }
    }
  }

  void delete(GroupDraft group, Delete delete) {
    ErrorKind error =
        switch (group.state) {
          case DEAD -> ErrorKind.GROUP_ID_NOT_FOUND;
          case EMPTY -> ErrorKind.NONE;
          default -> ErrorKind.NON_EMPTY_GROUP;
        };
    if (error == ErrorKind.NONE) {
      group.state = GroupState.DEAD;
      group.pendingMembers.clear();
      group.rebalanceDeadlineMs = -1;
      group.initialDelay = java.util.Optional.empty();
    }
    group.responses.add(new DeleteResponse(delete.requestId(), error));
  }
}
