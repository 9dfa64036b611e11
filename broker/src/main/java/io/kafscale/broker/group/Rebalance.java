/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.broker.group.GroupResponse.SyncResponse;
import java.util.List;
import java.util.Optional;

/**
 * The rebalance phases of a group: entering PreparingRebalance, completing the join phase into the
 * next generation, and the timeouts of the join, initial-delay and sync phases.
 */
final class Rebalance {
  private final GroupSettings settings;

  Rebalance(GroupSettings settings) {
    this.settings = settings;
  }

  /** Starts a rebalance if the state allows one, then completes the join phase if it can. */
  void trigger(GroupDraft group, long nowMs) {
    if (group.state.canRebalance()) {
      prepare(group, nowMs);
    }
    tryCompleteJoin(group, nowMs);
  }

  /** Completes the join phase if every known member has rejoined (not during the initial delay). */
  void tryCompleteJoin(GroupDraft group, long nowMs) {
    if (group.state == GroupState.PREPARING_REBALANCE
        && group.initialDelay.isEmpty()
        && group.allMembersJoined()) {
      completeJoin(group, nowMs);
    }
  }

  private void prepare(GroupDraft group, long nowMs) {
    if (group.state == GroupState.COMPLETING_REBALANCE) {
      // members waiting for an assignment of a generation that will never be Stable rejoin
      for (Member member : List.copyOf(group.members.values())) {
        group.update(group.get(member.memberId()).withAssignment(Bytes.EMPTY));
        group.answerSync(
            member, SyncResponse.failed(member.syncRequestId(), ErrorKind.REBALANCE_IN_PROGRESS));
      }
    }
    group.pendingSync.clear();
    int delay = settings.initialRebalanceDelayMs();
    if (group.state == GroupState.EMPTY && delay > 0) {
      long remaining = Math.max(group.maxRebalanceTimeoutMs() - delay, 0);
      group.initialDelay = Optional.of(new Group.InitialDelay(nowMs + delay, remaining, false));
      group.rebalanceDeadlineMs = -1;
    } else {
      group.rebalanceDeadlineMs = nowMs + group.maxRebalanceTimeoutMs();
    }
    group.state = GroupState.PREPARING_REBALANCE;
  }

  /** The join phase ran out of time (or every member joined): start the next generation. */
  void completeJoin(GroupDraft group, long nowMs) {
    group.initialDelay = Optional.empty();
    // dynamic members that did not rejoin in time are gone; static ones keep their slot
    for (Member member : List.copyOf(group.members.values())) {
      if (!member.isAwaitingJoin() && !member.isStatic()) {
        group.remove(member.memberId(), ErrorKind.UNKNOWN_MEMBER_ID);
      }
    }
    if (!electJoinedLeader(group)) {
      // only static members that have not rejoined remain: wait for them or their sessions
      group.rebalanceDeadlineMs = nowMs + group.maxRebalanceTimeoutMs();
      return;
    }
    group.generation++;
    group.pendingSync.clear();
    if (group.members.isEmpty()) {
      group.protocolName = Optional.empty();
      group.state = GroupState.EMPTY;
      group.rebalanceDeadlineMs = -1;
      return;
    }
    group.protocolName = ProtocolSelection.select(group.members.values());
    group.state = GroupState.COMPLETING_REBALANCE;
    for (Member member : List.copyOf(group.members.values())) {
      boolean leader = group.isLeader(member.memberId());
      group.answerJoin(
          member, group.joinAnswer(member.joinRequestId(), member.memberId(), leader, false));
      group.update(group.get(member.memberId()).heartbeat(nowMs));
      group.pendingSync.add(member.memberId());
    }
    // the sync phase: members that never send SyncGroup are removed when it ends
    group.rebalanceDeadlineMs = nowMs + group.maxRebalanceTimeoutMs();
  }

  /** Kafka's maybeElectNewJoinedLeader; true when the group may move to the next generation. */
  private static boolean electJoinedLeader(GroupDraft group) {
    if (group.members.isEmpty()) {
      return true;
    }
    Member leader = group.get(group.leaderId.orElseThrow());
    if (leader.isAwaitingJoin()) {
      return true;
    }
    Optional<Member> joined =
        group.members.values().stream().filter(Member::isAwaitingJoin).findFirst();
    joined.ifPresent(m -> group.leaderId = Optional.of(m.memberId()));
    return joined.isPresent();
  }

  void onRebalanceTimeout(GroupDraft group, long nowMs) {
    if (group.rebalanceDeadlineMs < 0 || nowMs < group.rebalanceDeadlineMs) {
      return; // a stale or early timer
    }
    switch (group.state) {
      case PREPARING_REBALANCE -> completeJoin(group, nowMs);
      case COMPLETING_REBALANCE, STABLE -> {
        group.rebalanceDeadlineMs = -1;
        if (!group.pendingSync.isEmpty()) {
          for (String memberId : List.copyOf(group.pendingSync)) {
            group.remove(memberId, ErrorKind.UNKNOWN_MEMBER_ID);
          }
          trigger(group, nowMs);
        }
      }
      case EMPTY, DEAD -> group.rebalanceDeadlineMs = -1;
    }
  }

  void onInitialDelayExpired(GroupDraft group, long nowMs) {
    Optional<Group.InitialDelay> current = group.initialDelay;
    if (current.isEmpty() || nowMs < current.get().deadlineMs()) {
      return;
    }
    Group.InitialDelay delay = current.get();
    if (delay.newMemberAdded() && delay.remainingMs() > 0) {
      long next = Math.min(settings.initialRebalanceDelayMs(), delay.remainingMs());
      group.initialDelay =
          Optional.of(new Group.InitialDelay(nowMs + next, delay.remainingMs() - next, false));
      return;
    }
    completeJoin(group, nowMs);
  }

  /** Notes that a member arrived during the initial delay, so the delay is extended once more. */
  static void noteNewMember(GroupDraft group) {
    group.initialDelay.ifPresent(
        d ->
            group.initialDelay =
                Optional.of(new Group.InitialDelay(d.deadlineMs(), d.remainingMs(), true)));
  }

  /** Removes a member (leave, session expiry) and lets the group react (Kafka's update). */
  void removeMember(GroupDraft group, String memberId, long nowMs) {
    group.remove(memberId, ErrorKind.UNKNOWN_MEMBER_ID);
    switch (group.state) {
      case STABLE, COMPLETING_REBALANCE -> trigger(group, nowMs);
      case PREPARING_REBALANCE -> tryCompleteJoin(group, nowMs);
      case EMPTY, DEAD -> {}
    }
  }
}
