/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.broker.group.GroupEvent.Heartbeat;
import io.kafscale.broker.group.GroupEvent.Sync;
import io.kafscale.broker.group.GroupResponse.HeartbeatResponse;
import io.kafscale.broker.group.GroupResponse.SyncResponse;
import java.util.List;
import java.util.Optional;

/** SyncGroup (the leader's assignment becomes every member's) and Heartbeat. */
final class SyncLogic {
  void sync(GroupDraft group, Sync sync) {
    Optional<ErrorKind> rejected = validateSync(group, sync);
    if (rejected.isPresent()) {
      group.responses.add(SyncResponse.failed(sync.requestId(), rejected.get()));
      return;
    }
    Member member = group.get(sync.memberId());
    switch (group.state) {
      case EMPTY ->
          group.responses.add(SyncResponse.failed(sync.requestId(), ErrorKind.UNKNOWN_MEMBER_ID));
      case PREPARING_REBALANCE ->
          group.responses.add(
              SyncResponse.failed(sync.requestId(), ErrorKind.REBALANCE_IN_PROGRESS));
      case COMPLETING_REBALANCE -> {
        JoinLogic.supersedeHeldRequests(group, member);
        group.update(group.get(member.memberId()).withSyncRequest(sync.requestId()));
        markSynced(group, member.memberId());
        if (group.isLeader(member.memberId())) {
          assign(group, sync);
        }
      }
      case STABLE -> {
        markSynced(group, member.memberId());
        Member current = group.get(member.memberId()).heartbeat(sync.nowMs());
        group.update(current);
        group.responses.add(success(group, sync.requestId(), current.assignment()));
      }
      case DEAD -> throw new IllegalStateException("validated above");
    }
  }

  private static Optional<ErrorKind> validateSync(GroupDraft group, Sync sync) {
    if (group.state == GroupState.DEAD) {
      return Optional.of(ErrorKind.COORDINATOR_NOT_AVAILABLE);
    }
    Optional<ErrorKind> invalid =
        MemberValidation.validate(group, sync.memberId(), sync.groupInstanceId());
    if (invalid.isPresent()) {
      return invalid;
    }
    if (sync.generation() != group.generation) {
      return Optional.of(ErrorKind.ILLEGAL_GENERATION);
    }
    if (mismatch(sync.protocolType(), group.protocolType)
        || mismatch(sync.protocolName(), group.protocolName)) {
      return Optional.of(ErrorKind.INCONSISTENT_GROUP_PROTOCOL);
    }
    return Optional.empty();
  }

  private static boolean mismatch(Optional<String> requested, Optional<String> actual) {
    return requested.isPresent() && !requested.equals(actual);
  }

  /** The leader's assignment: members it left out get an empty one; unknown ids are ignored. */
  private static void assign(GroupDraft group, Sync leaderSync) {
    for (Member member : List.copyOf(group.members.values())) {
      Bytes assignment = leaderSync.assignments().getOrDefault(member.memberId(), Bytes.EMPTY);
      group.update(group.get(member.memberId()).withAssignment(assignment));
    }
    group.state = GroupState.STABLE;
    group.persistRequested = true;
    for (Member member : List.copyOf(group.members.values())) {
      Member alive = member.isAwaitingSync() ? member.heartbeat(leaderSync.nowMs()) : member;
      group.update(alive);
      group.answerSync(alive, success(group, member.syncRequestId(), member.assignment()));
    }
  }

  private static void markSynced(GroupDraft group, String memberId) {
    group.pendingSync.remove(memberId);
    if (group.pendingSync.isEmpty()) {
      group.rebalanceDeadlineMs = -1;
    }
  }

  private static SyncResponse success(GroupDraft group, long requestId, Bytes assignment) {
    return new SyncResponse(
        requestId, ErrorKind.NONE, group.protocolType, group.protocolName, assignment);
  }

  void heartbeat(GroupDraft group, Heartbeat heartbeat) {
    ErrorKind error = heartbeatError(group, heartbeat);
    if (error == ErrorKind.NONE || error == ErrorKind.REBALANCE_IN_PROGRESS) {
      group.update(group.get(heartbeat.memberId()).heartbeat(heartbeat.nowMs()));
    }
    group.responses.add(new HeartbeatResponse(heartbeat.requestId(), error));
  }

  private static ErrorKind heartbeatError(GroupDraft group, Heartbeat heartbeat) {
    if (group.state == GroupState.DEAD) {
      return ErrorKind.COORDINATOR_NOT_AVAILABLE;
    }
    Optional<ErrorKind> invalid =
        MemberValidation.validate(group, heartbeat.memberId(), heartbeat.groupInstanceId());
    if (invalid.isPresent()) {
      return invalid.get();
    }
    if (heartbeat.generation() != group.generation) {
      return ErrorKind.ILLEGAL_GENERATION;
    }
    return switch (group.state) {
      case EMPTY -> ErrorKind.UNKNOWN_MEMBER_ID;
      case PREPARING_REBALANCE -> ErrorKind.REBALANCE_IN_PROGRESS;
      case COMPLETING_REBALANCE, STABLE -> ErrorKind.NONE;
      case DEAD -> ErrorKind.COORDINATOR_NOT_AVAILABLE;
    };
  }
}
