/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import static io.kafscale.broker.group.GroupStateMachineTestContext.SESSION_MS;
import static io.kafscale.broker.group.GroupStateMachineTestContext.bytes;
import static io.kafscale.broker.group.GroupStateMachineTestContext.onlyJoin;
import static io.kafscale.broker.group.GroupStateMachineTestContext.protocols;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.group.GroupEvent.LeavingMember;
import io.kafscale.broker.group.GroupResponse.JoinResponse;
import io.kafscale.broker.group.GroupResponse.LeaveResponse;
import io.kafscale.broker.group.GroupResponse.MemberLeaveResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Leaving, session expiry, static membership (KIP-345), deletion and the Dead state. */
class GroupMembershipTest {
  private final GroupStateMachineTestContext ctx = GroupStateMachineTestContext.withDefaults();

  /** Static members s1..sN join and reach Stable; returns their member ids. */
  private List<String> stableStaticGroup(int size) {
    for (int i = 1; i <= size; i++) {
      ctx.apply(ctx.join("", Optional.of("s" + i), protocols("range")));
    }
    List<String> ids = ctx.group.members().stream().map(Member::memberId).toList();
    while (ctx.group.initialDelay().isPresent()) {
      ctx.nowMs = ctx.group.initialDelay().get().deadlineMs();
      ctx.apply(new GroupEvent.InitialDelayExpired(ctx.nowMs));
    }
    ctx.syncAll(ids);
    return ids;
  }

  @Test
  void shouldRemoveABatchOfLeavingMembersAndRebalance() {
    // Given a Stable group of three
    List<String> ids = ctx.stableGroupOf(3);
    // When two members and an unknown one leave in one LeaveGroup v3+ request
    GroupResult result = ctx.apply(ctx.leave(ids.get(1), ids.get(2), "ghost"));

    // Then the two are removed, the unknown one gets UNKNOWN_MEMBER_ID, a rebalance starts
    LeaveResponse response = (LeaveResponse) result.responses().getFirst();
    assertThat(response.error()).isEqualTo(ErrorKind.NONE);
    assertThat(response.members())
        .extracting(MemberLeaveResult::error)
        .containsExactly(ErrorKind.NONE, ErrorKind.NONE, ErrorKind.UNKNOWN_MEMBER_ID);
    assertThat(ctx.group.members()).extracting(Member::memberId).containsExactly(ids.get(0));
    assertThat(ctx.group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
  }

  @Test
  void shouldMakeTheNextJoinedMemberLeaderWhenTheLeaderLeaves() {
    // Given a Stable group of two
    List<String> ids = ctx.stableGroupOf(2);
    // When the leader leaves and the other member rejoins
    ctx.apply(ctx.leave(ids.get(0)));
    JoinResponse response = onlyJoin(ctx.apply(ctx.join(ids.get(1))));

    // Then the remaining member leads generation 2
    assertThat(response.leaderId()).isEqualTo(ids.get(1));
    assertThat(response.generation()).isEqualTo(2);
  }

  @Test
  void shouldBecomeEmptyWithNextGenerationAndPersistWhenLastMemberLeaves() {
    // Given a Stable group of one
    List<String> ids = ctx.stableGroupOf(1);
    // When it leaves
    GroupResult result = ctx.apply(ctx.leave(ids.get(0)));

    // Then the group is Empty at generation 2, without protocol, and the record is written
    assertThat(ctx.group.state()).isEqualTo(GroupState.EMPTY);
    assertThat(ctx.group.generation()).isEqualTo(2);
    assertThat(ctx.group.protocolName()).isEmpty();
    assertThat(ctx.group.leaderId()).isEmpty();
    assertThat(result.persist()).isTrue();
  }

  @Test
  void shouldForgetAPendingMemberIdThatLeaves() {
    // Given an id handed out with MEMBER_ID_REQUIRED
    String pending = onlyJoin(ctx.apply(ctx.join(""))).memberId();
    // When it leaves
    GroupResult result = ctx.apply(ctx.leave(pending));

    // Then it is no longer pending and its timer is cancelled
    assertThat(ctx.group.pendingMembers()).isEmpty();
    assertThat(result.timers()).containsExactly(new TimerOp.Cancel(TimerKey.session(pending)));
  }

  @Test
  void shouldExpireMemberWhoseSessionTimedOutAndRebalance() {
    // Given a Stable group of two where only the first member heartbeats
    List<String> ids = ctx.stableGroupOf(2);
    ctx.advance(SESSION_MS / 2);
    ctx.apply(ctx.heartbeat(ids.get(0), 1));
    // When the second member's session deadline passes
    ctx.nowMs = ctx.member(ids.get(1)).sessionDeadlineMs();
    ctx.apply(new GroupEvent.Tick(ctx.nowMs));

    // Then it is removed and the group rebalances
    assertThat(ctx.group.member(ids.get(1))).isEmpty();
    assertThat(ctx.group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
  }

  @Test
  void shouldKeepMemberAliveWhileTheGroupHoldsItsJoin() {
    // Given a rebalance where one member rejoined and waits for the other
    List<String> ids = ctx.stableGroupOf(2);
    ctx.apply(ctx.join(ids.get(0)));
    // When both sessions would have ended
    ctx.advance(SESSION_MS + 1);
    ctx.apply(new GroupEvent.Tick(ctx.nowMs));

    // Then only the member that is not waiting expired, and the join phase completes
    assertThat(ctx.group.members()).extracting(Member::memberId).containsExactly(ids.get(0));
    assertThat(ctx.group.state()).isEqualTo(GroupState.COMPLETING_REBALANCE);
    assertThat(ctx.group.generation()).isEqualTo(2);
  }

  @Test
  void shouldExpireAPendingMemberIdThatNeverRejoins() {
    // Given an id handed out with MEMBER_ID_REQUIRED
    ctx.apply(ctx.join(""));
    // When its session passes
    ctx.advance(SESSION_MS);
    ctx.apply(new GroupEvent.Tick(ctx.nowMs));

    // Then it is forgotten
    assertThat(ctx.group.pendingMembers()).isEmpty();
  }

  @Test
  void shouldGiveRestartedStaticMemberItsAssignmentWithoutRebalance() {
    // Given a Stable group of static members
    List<String> ids = stableStaticGroup(2);
    Bytes before = ctx.member(ids.get(1)).assignment();
    // When s2 restarts and joins without a member id, same protocols
    GroupResult result = ctx.apply(ctx.join("", Optional.of("s2"), protocols("range")));

    // Then it gets a new member id in the same generation, the group stays Stable, the record is
    // written, and SyncGroup with the new id returns the old assignment
    JoinResponse response = onlyJoin(result);
    assertThat(response.error()).isEqualTo(ErrorKind.NONE);
    assertThat(response.memberId()).isNotEqualTo(ids.get(1));
    assertThat(response.generation()).isEqualTo(1);
    assertThat(response.skipAssignment()).isFalse();
    assertThat(ctx.group.state()).isEqualTo(GroupState.STABLE);
    assertThat(result.persist()).isTrue();
    assertThat(ctx.group.staticMembers()).containsEntry("s2", response.memberId());
    GroupEvent.Sync sync = ctx.sync(response.memberId(), 1, Map.of());
    assertThat(((GroupResponse.SyncResponse) ctx.apply(sync).responses().getFirst()).assignment())
        .isEqualTo(before);
  }

  @Test
  void shouldFenceTheOldMemberIdOfARestartedStaticMember() {
    // Given s2 restarted under a new member id
    List<String> ids = stableStaticGroup(2);
    ctx.apply(ctx.join("", Optional.of("s2"), protocols("range")));
    // When the old incarnation heartbeats
    GroupResult result =
        ctx.apply(
            new GroupEvent.Heartbeat(ctx.requestId(), ctx.nowMs, ids.get(1), Optional.of("s2"), 1));

    // Then it is fenced
    assertThat(result.responses().getFirst().error()).isEqualTo(ErrorKind.FENCED_INSTANCE_ID);
  }

  @Test
  void shouldTellARestartedStaticLeaderToSkipAssignment() {
    // Given a Stable static group whose leader restarts (JoinGroup v9+)
    List<String> ids = stableStaticGroup(2);
    JoinResponse response =
        onlyJoin(ctx.apply(ctx.join("", Optional.of("s1"), protocols("range"))));

    // Then it learns it leads, with the members, but must not compute a new assignment
    assertThat(ctx.group.leaderId()).contains(response.memberId());
    assertThat(response.leaderId()).isEqualTo(response.memberId());
    assertThat(response.skipAssignment()).isTrue();
    assertThat(response.members()).hasSize(2);
    assertThat(ctx.group.member(ids.get(0))).isEmpty();
  }

  @Test
  void shouldRebalanceWhenStaticMemberRestartsWithAProtocolChange() {
    // Given a Stable static group using range
    stableStaticGroup(1);
    // When s1 restarts preferring another protocol it alone supports
    ctx.apply(ctx.join("", Optional.of("s1"), protocols("cooperative-sticky", "range")));

    // Then the chosen protocol would change, so a rebalance runs
    assertThat(ctx.group.state())
        .isIn(GroupState.PREPARING_REBALANCE, GroupState.COMPLETING_REBALANCE);
    assertThat(ctx.group.generation()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void shouldRemoveStaticMemberByInstanceIdAlone() {
    // Given a Stable static group
    stableStaticGroup(2);
    // When an administrator removes s2 by instance id
    GroupResult result =
        ctx.apply(
            new GroupEvent.Leave(
                ctx.requestId(),
                ctx.nowMs,
                List.of(
                    new LeavingMember("", Optional.of("s2")),
                    new LeavingMember("", Optional.of("s9")))));

    // Then s2 is gone and the unknown instance gets UNKNOWN_MEMBER_ID
    assertThat(((LeaveResponse) result.responses().getFirst()).members())
        .extracting(MemberLeaveResult::error)
        .containsExactly(ErrorKind.NONE, ErrorKind.UNKNOWN_MEMBER_ID);
    assertThat(ctx.group.staticMembers()).containsOnlyKeys("s1");
  }

  @Test
  void shouldKeepAStaticMemberThatMissesTheJoinPhase() {
    // Given a Stable static group where only s1 rejoins
    List<String> ids = stableStaticGroup(2);
    ctx.apply(ctx.join(ids.get(0), Optional.of("s1"), protocols("range")));
    // When the rebalance times out
    ctx.advance(GroupStateMachineTestContext.REBALANCE_MS);
    ctx.apply(new GroupEvent.RebalanceTimeout(ctx.nowMs));

    // Then s2 keeps its slot in the next generation (only its session can remove it)
    assertThat(ctx.group.members()).extracting(Member::memberId).containsExactlyElementsOf(ids);
    assertThat(ctx.group.generation()).isEqualTo(2);
  }

  @Test
  void shouldRefuseToDeleteAGroupWithMembers() {
    // Given a Stable group
    ctx.stableGroupOf(1);
    // When it is deleted
    GroupResult result = ctx.apply(new GroupEvent.Delete(ctx.requestId(), ctx.nowMs));

    // Then
    assertThat(result.responses().getFirst().error()).isEqualTo(ErrorKind.NON_EMPTY_GROUP);
    assertThat(ctx.group.state()).isEqualTo(GroupState.STABLE);
  }

  @Test
  void shouldDeleteAnEmptyGroupAndRejectEverythingAfterwards() {
    // Given an Empty group
    GroupResult deleted = ctx.apply(new GroupEvent.Delete(ctx.requestId(), ctx.nowMs));
    // When requests arrive at the Dead group
    ErrorKind join = onlyJoin(ctx.apply(ctx.join(""))).error();
    ErrorKind heartbeat = ctx.apply(ctx.heartbeat("m", 0)).responses().getFirst().error();
    ErrorKind sync = ctx.apply(ctx.sync("m", 0, Map.of())).responses().getFirst().error();
    ErrorKind leave = ctx.apply(ctx.leave("m")).responses().getFirst().error();
    ErrorKind again =
        ctx.apply(new GroupEvent.Delete(ctx.requestId(), ctx.nowMs)).responses().getFirst().error();

    // Then the group is Dead, persisted once, and stays Dead
    assertThat(deleted.persist()).isTrue();
    assertThat(ctx.group.state()).isEqualTo(GroupState.DEAD);
    assertThat(List.of(join, heartbeat, sync, leave))
        .containsOnly(ErrorKind.COORDINATOR_NOT_AVAILABLE);
    assertThat(again).isEqualTo(ErrorKind.GROUP_ID_NOT_FOUND);
  }

  @Test
  void shouldRejectJoinWithUnknownMemberIdOnEmptyGroupWithoutChangingIt() {
    // When a member id the group does not know joins an empty group
    GroupResult result = ctx.apply(ctx.join("stale-id"));

    // Then UNKNOWN_MEMBER_ID, nothing to persist
    assertThat(onlyJoin(result).error()).isEqualTo(ErrorKind.UNKNOWN_MEMBER_ID);
    assertThat(result.persist()).isFalse();
    assertThat(result.group()).isEqualTo(Group.empty("g"));
  }

  @Test
  void shouldRestoreAPersistedGroupAsStableWithFreshSessions() {
    // Given a persisted Stable group
    List<String> ids = ctx.stableGroupOf(2);
    Group persisted = ctx.group;
    // When a new coordinator restores it
    Group restored =
        Group.restored(
            "g",
            persisted.generation(),
            persisted.protocolType(),
            persisted.protocolName(),
            persisted.leaderId(),
            persisted.members(),
            99_000);

    // Then members, leader, generation and assignments are back, sessions restart
    assertThat(restored.state()).isEqualTo(GroupState.STABLE);
    assertThat(restored.leaderId()).contains(ids.get(0));
    assertThat(restored.members())
        .extracting(Member::assignment)
        .containsExactly(bytes("a-" + ids.get(0) + "-g1"), bytes("a-" + ids.get(1) + "-g1"));
    assertThat(restored.members())
        .allSatisfy(m -> assertThat(m.sessionDeadlineMs()).isEqualTo(99_000 + SESSION_MS));
  }
}
