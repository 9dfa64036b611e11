/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Immutable snapshot of one classic consumer group: the whole input and output of {@link
 * GroupStateMachine}. Besides membership it holds the deadlines the timers guard, so a stale or
 * late timer can be recognised and ignored.
 *
 * @param generation only grows; 0 before the first rebalance completes
 * @param leaderId present exactly when the group has members
 * @param members in join order (the first joined member leads)
 * @param pendingMembers KIP-394 member ids handed out with MEMBER_ID_REQUIRED and not yet used,
 *     with the deadline by which they must rejoin
 * @param staticMembers group.instance.id to the member id holding it (KIP-345)
 * @param pendingSyncMembers members of the current generation that have not sent SyncGroup yet
 * @param memberIdSequence the counter new member ids are made from
 * @param rebalanceDeadlineMs end of the join phase or of the sync phase; -1 when none runs
 * @param initialDelay the initial rebalance delay in progress, if any
 */
public record Group(
    String groupId,
    GroupState state,
    int generation,
    Optional<String> protocolType,
    Optional<String> protocolName,
    Optional<String> leaderId,
    List<Member> members,
    Map<String, Long> pendingMembers,
    Map<String, String> staticMembers,
    Set<String> pendingSyncMembers,
    long memberIdSequence,
    long rebalanceDeadlineMs,
    Optional<InitialDelay> initialDelay) {

  /**
   * The initial rebalance delay of a group leaving Empty: while members keep arriving it is
   * extended by another delay, until {@code remainingMs} (the rebalance timeout left) is used up.
   */
  public record InitialDelay(long deadlineMs, long remainingMs, boolean newMemberAdded) {}

  public Group {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(state, "state");
    members = List.copyOf(members);
    pendingMembers = Collections.unmodifiableMap(new LinkedHashMap<>(pendingMembers));
    staticMembers = Collections.unmodifiableMap(new LinkedHashMap<>(staticMembers));
    pendingSyncMembers = Collections.unmodifiableSet(new LinkedHashSet<>(pendingSyncMembers));
  }

  /** A group that does not exist yet: Empty, generation 0, no members. */
  public static Group empty(String groupId) {
    return new Group(
        groupId,
        GroupState.EMPTY,
        0,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Map.of(),
        Map.of(),
        Set.of(),
        0,
        -1,
        Optional.empty());
  }

  /**
   * A group reloaded from its durable record by a new coordinator: Stable when it has members
   * (their sessions restart at {@code nowMs}), Empty otherwise, as Kafka does on load.
   */
  public static Group restored(
      String groupId,
      int generation,
      Optional<String> protocolType,
      Optional<String> protocolName,
      Optional<String> leaderId,
      List<Member> members,
      long nowMs) {
    List<Member> live =
        members.stream()
            .map(m -> m.withJoinRequest(Member.NO_REQUEST).withSyncRequest(Member.NO_REQUEST))
            .map(m -> m.heartbeat(nowMs))
            .toList();
    Map<String, String> statics = new LinkedHashMap<>();
    live.forEach(m -> m.groupInstanceId().ifPresent(id -> statics.put(id, m.memberId())));
    GroupState state = live.isEmpty() ? GroupState.EMPTY : GroupState.STABLE;
    Optional<String> leader =
        live.isEmpty()
            ? Optional.empty()
            : leaderId
                .filter(id -> live.stream().anyMatch(m -> m.memberId().equals(id)))
                .or(() -> Optional.of(live.getFirst().memberId()));
    return new Group(
        groupId,
        state,
        generation,
        protocolType,
        live.isEmpty() ? Optional.empty() : protocolName,
        leader,
        live,
        Map.of(),
        statics,
        Set.of(),
        0,
        -1,
        Optional.empty());
  }

  public Optional<Member> member(String memberId) {
    return members.stream().filter(m -> m.memberId().equals(memberId)).findFirst();
  }

  public boolean isEmpty() {
    return members.isEmpty();
  }
}
