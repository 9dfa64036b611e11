/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.broker.group.GroupResponse.JoinResponse;
import io.kafscale.broker.group.GroupResponse.JoinedMember;
import io.kafscale.broker.group.GroupResponse.SyncResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The mutable working copy of a {@link Group} while one event is applied, plus the responses that
 * event produced. Lives for one {@link GroupStateMachine#apply} call; never shared.
 */
final class GroupDraft {
  final String groupId;
  GroupState state;
  int generation;
  Optional<String> protocolType;
  Optional<String> protocolName;
  Optional<String> leaderId;
  final LinkedHashMap<String, Member> members = new LinkedHashMap<>();
  final LinkedHashMap<String, Long> pendingMembers;
  final LinkedHashMap<String, String> staticMembers;
  final LinkedHashSet<String> pendingSync;
  long memberIdSequence;
  long rebalanceDeadlineMs;
  Optional<Group.InitialDelay> initialDelay;

  final List<GroupResponse> responses = new ArrayList<>();
  boolean persistRequested;

  GroupDraft(Group group) {
    groupId = group.groupId();
    state = group.state();
    generation = group.generation();
    protocolType = group.protocolType();
    protocolName = group.protocolName();
    leaderId = group.leaderId();
    group.members().forEach(m -> members.put(m.memberId(), m));
    pendingMembers = new LinkedHashMap<>(group.pendingMembers());
    staticMembers = new LinkedHashMap<>(group.staticMembers());
    pendingSync = new LinkedHashSet<>(group.pendingSyncMembers());
    memberIdSequence = group.memberIdSequence();
    rebalanceDeadlineMs = group.rebalanceDeadlineMs();
    initialDelay = group.initialDelay();
  }

  Group toGroup() {
    return new Group(
        groupId,
        state,
        generation,
        protocolType,
        protocolName,
        leaderId,
        List.copyOf(members.values()),
        pendingMembers,
        staticMembers,
        pendingSync,
        memberIdSequence,
        rebalanceDeadlineMs,
        initialDelay);
  }

  Member get(String memberId) {
    return members.get(memberId);
  }

  boolean isLeader(String memberId) {
    return leaderId.filter(memberId::equals).isPresent();
  }

  /** A fresh member id: deterministic from the seed and the group's counter. */
  String newMemberId(String prefix, String seed) {
    memberIdSequence++;
    return prefix + "-" + seed + "-" + memberIdSequence;
  }

  /** Adds a member; the first member of an empty group fixes the protocol type and leads. */
  void add(Member member) {
    if (members.isEmpty()) {
      protocolType = Optional.of(member.protocolType());
    }
    members.put(member.memberId(), member);
    pendingMembers.remove(member.memberId());
    member.groupInstanceId().ifPresent(id -> staticMembers.put(id, member.memberId()));
    if (leaderId.isEmpty()) {
      leaderId = Optional.of(member.memberId());
    }
  }

  /** Replaces a member in place (same position, so leadership order is kept). */
  void update(Member member) {
    members.put(member.memberId(), member);
  }

  /** Gives a static member's slot to a new member id, keeping its position and leadership. */
  void rename(String oldId, Member renamed) {
    LinkedHashMap<String, Member> copy = new LinkedHashMap<>(members);
    members.clear();
    copy.forEach(
        (id, m) ->
            members.put(
                id.equals(oldId) ? renamed.memberId() : id, id.equals(oldId) ? renamed : m));
    if (isLeader(oldId)) {
      leaderId = Optional.of(renamed.memberId());
    }
    if (pendingSync.remove(oldId)) {
      pendingSync.add(renamed.memberId());
    }
    renamed.groupInstanceId().ifPresent(id -> staticMembers.put(id, renamed.memberId()));
  }

  /** Removes a member and answers whatever request it had held with {@code error}. */
  void remove(String memberId, ErrorKind error) {
    Member member = members.remove(memberId);
    if (member == null) {
      return;
    }
    answerJoin(member, JoinResponse.failed(member.joinRequestId(), error, memberId));
    answerSync(member, SyncResponse.failed(member.syncRequestId(), error));
    member.groupInstanceId().ifPresent(id -> staticMembers.remove(id, memberId));
    pendingSync.remove(memberId);
    if (isLeader(memberId)) {
      leaderId = members.keySet().stream().findFirst();
    }
  }

  /** Completes the member's held JoinGroup, if any. */
  void answerJoin(Member member, JoinResponse response) {
    if (member.isAwaitingJoin()) {
      responses.add(response);
      if (members.containsKey(member.memberId())) {
        members.put(member.memberId(), get(member.memberId()).withJoinRequest(Member.NO_REQUEST));
      }
    }
  }

  /** Completes the member's held SyncGroup, if any. */
  void answerSync(Member member, SyncResponse response) {
    if (member.isAwaitingSync()) {
      responses.add(response);
      if (members.containsKey(member.memberId())) {
        members.put(member.memberId(), get(member.memberId()).withSyncRequest(Member.NO_REQUEST));
      }
    }
  }

  /** The successful JoinGroup answer for the current generation; the leader gets the members. */
  JoinResponse joinAnswer(long requestId, String memberId, boolean withMembers, boolean skip) {
    List<JoinedMember> list = withMembers ? memberMetadata() : List.of();
    return new JoinResponse(
        requestId,
        ErrorKind.NONE,
        memberId,
        generation,
        protocolType,
        protocolName,
        leaderId.orElse(""),
        skip,
        list);
  }

  private List<JoinedMember> memberMetadata() {
    String protocol = protocolName.orElseThrow();
    return members.values().stream()
        .map(
            m ->
                new JoinedMember(
                    m.memberId(), m.groupInstanceId(), m.metadataFor(protocol).orElse(Bytes.EMPTY)))
        .toList();
  }

  int maxRebalanceTimeoutMs() {
    return members.values().stream().mapToInt(Member::rebalanceTimeoutMs).max().orElse(0);
  }

  /** Kafka's hasAllMembersJoined: every member rejoined and no KIP-394 id is outstanding. */
  boolean allMembersJoined() {
    return pendingMembers.isEmpty() && members.values().stream().allMatch(Member::isAwaitingJoin);
  }

  long awaitingJoinCount() {
    return members.values().stream().filter(Member::isAwaitingJoin).count();
  }
}
