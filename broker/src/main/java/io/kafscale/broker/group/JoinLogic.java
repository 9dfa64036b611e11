/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.broker.group.GroupEvent.Join;
import io.kafscale.broker.group.GroupResponse.JoinResponse;
import io.kafscale.broker.group.GroupResponse.SyncResponse;
import java.util.Optional;

/** JoinGroup: new members (KIP-394 ids), static members (KIP-345), and rejoins. */
final class JoinLogic {
  private final GroupSettings settings;
  private final Rebalance rebalance;
  private final String memberIdSeed;

  JoinLogic(GroupSettings settings, Rebalance rebalance, String memberIdSeed) {
    this.settings = settings;
    this.rebalance = rebalance;
    this.memberIdSeed = memberIdSeed;
  }

  void join(GroupDraft group, Join join) {
    Optional<ErrorKind> rejected = validate(group, join);
    if (rejected.isPresent()) {
      group.responses.add(JoinResponse.failed(join.requestId(), rejected.get(), join.memberId()));
      return;
    }
    if (join.memberId().isEmpty()) {
      joinNewMember(group, join);
    } else if (group.pendingMembers.containsKey(join.memberId())) {
      addAndRebalance(group, join, join.memberId());
    } else {
      rejoin(group, join);
    }
  }

  private Optional<ErrorKind> validate(GroupDraft group, Join join) {
    if (group.state == GroupState.DEAD) {
      return Optional.of(ErrorKind.COORDINATOR_NOT_AVAILABLE);
    }
    if (join.sessionTimeoutMs() < settings.minSessionTimeoutMs()
        || join.sessionTimeoutMs() > settings.maxSessionTimeoutMs()) {
      return Optional.of(ErrorKind.INVALID_SESSION_TIMEOUT);
    }
    if (!acceptsJoiningMember(group, join.memberId())) {
      return Optional.of(ErrorKind.GROUP_MAX_SIZE_REACHED);
    }
    if (!ProtocolSelection.supports(group, join.protocolType(), join.protocols())) {
      return Optional.of(ErrorKind.INCONSISTENT_GROUP_PROTOCOL);
    }
    return Optional.empty();
  }

  /** Kafka's acceptJoiningMember: known members always get in, new ones while there is room. */
  private boolean acceptsJoiningMember(GroupDraft group, String memberId) {
    Member known = group.get(memberId);
    return switch (group.state) {
      case EMPTY, DEAD -> true;
      case PREPARING_REBALANCE ->
          (known != null && known.isAwaitingJoin())
              || group.awaitingJoinCount() < settings.maxSize();
      case COMPLETING_REBALANCE, STABLE ->
          known != null || group.members.size() < settings.maxSize();
    };
  }

  private void joinNewMember(GroupDraft group, Join join) {
    if (join.groupInstanceId().isPresent()) {
      String instanceId = join.groupInstanceId().get();
      String newId = group.newMemberId(instanceId, memberIdSeed);
      String oldId = group.staticMembers.get(instanceId);
      if (oldId == null) {
        addAndRebalance(group, join, newId);
      } else {
        new StaticRejoin(rebalance).replace(group, join, oldId, newId);
      }
      return;
    }
    String newId = group.newMemberId(join.clientId(), memberIdSeed);
    if (join.requireKnownMemberId()) {
      // KIP-394: hand out the id and forget the request; the client rejoins with it
      group.pendingMembers.put(newId, join.nowMs() + join.sessionTimeoutMs());
      group.responses.add(
          JoinResponse.failed(join.requestId(), ErrorKind.MEMBER_ID_REQUIRED, newId));
      return;
    }
    addAndRebalance(group, join, newId);
  }

  private void addAndRebalance(GroupDraft group, Join join, String memberId) {
    Member member =
        new Member(
            memberId,
            join.groupInstanceId(),
            join.clientId(),
            join.clientHost(),
            join.rebalanceTimeoutMs(),
            join.sessionTimeoutMs(),
            join.protocolType(),
            join.protocols(),
            Bytes.EMPTY,
            join.requestId(),
            Member.NO_REQUEST,
            true,
            join.nowMs(),
            join.nowMs() + settings.newMemberJoinTimeoutMs());
    if (group.state == GroupState.PREPARING_REBALANCE && group.generation == 0) {
      Rebalance.noteNewMember(group);
    }
    group.add(member);
    rebalance.trigger(group, join.nowMs());
  }

  private void rejoin(GroupDraft group, Join join) {
    Optional<ErrorKind> invalid =
        MemberValidation.validate(group, join.memberId(), join.groupInstanceId());
    if (invalid.isPresent()) {
      group.responses.add(JoinResponse.failed(join.requestId(), invalid.get(), join.memberId()));
      return;
    }
    Member member = group.get(join.memberId());
    boolean unchanged = member.matches(join.protocols());
    boolean answerNow =
        switch (group.state) {
          case COMPLETING_REBALANCE -> unchanged;
          // the leader's rejoin always rebalances: it may have seen topic metadata change
          case STABLE -> unchanged && !group.isLeader(member.memberId());
          default -> false;
        };
    if (answerNow) {
      // a retry of a join already completed: repeat the current generation's answer
      boolean leader = group.isLeader(member.memberId());
      group.responses.add(group.joinAnswer(join.requestId(), member.memberId(), leader, false));
      return;
    }
    updateAndRebalance(group, member, join);
  }

  private void updateAndRebalance(GroupDraft group, Member member, Join join) {
    supersedeHeldRequests(group, member);
    group.update(group.get(member.memberId()).rejoined(join).withJoinRequest(join.requestId()));
    rebalance.trigger(group, join.nowMs());
  }

  /** A client retrying a request the group still holds gave up on the first; answer it. */
  static void supersedeHeldRequests(GroupDraft group, Member member) {
    group.answerJoin(
        member,
        JoinResponse.failed(
            member.joinRequestId(), ErrorKind.REBALANCE_IN_PROGRESS, member.memberId()));
    group.answerSync(
        member, SyncResponse.failed(member.syncRequestId(), ErrorKind.REBALANCE_IN_PROGRESS));
  }
}
