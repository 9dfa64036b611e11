/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import static io.kafscale.broker.group.GroupStateMachineTestContext.REBALANCE_MS;
import static io.kafscale.broker.group.GroupStateMachineTestContext.SESSION_MS;
import static io.kafscale.broker.group.GroupStateMachineTestContext.bytes;
import static io.kafscale.broker.group.GroupStateMachineTestContext.onlyJoin;
import static io.kafscale.broker.group.GroupStateMachineTestContext.onlySync;
import static io.kafscale.broker.group.GroupStateMachineTestContext.protocols;
import static io.kafscale.broker.group.GroupStateMachineTestContext.responseTo;
import static io.kafscale.broker.group.GroupStateMachineTestContext.responsesOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.group.GroupResponse.HeartbeatResponse;
import io.kafscale.broker.group.GroupResponse.JoinResponse;
import io.kafscale.broker.group.GroupResponse.SyncResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The join and sync phases, heartbeats and protocol selection of the classic group protocol. */
class GroupStateMachineTest {
  private final GroupStateMachineTestContext ctx = GroupStateMachineTestContext.withDefaults();

  @Test
  void shouldRequireMemberIdWhenNewMemberJoinsWithoutOne() {
    // Given a new group
    // When a member joins without a member id (JoinGroup v4+)
    GroupResult result = ctx.apply(ctx.join(""));

    // Then it gets MEMBER_ID_REQUIRED with a generated id that is pending, not yet a member
    JoinResponse response = onlyJoin(result);
    assertThat(response.error()).isEqualTo(ErrorKind.MEMBER_ID_REQUIRED);
    assertThat(response.memberId()).isEqualTo("client-seed-1");
    assertThat(ctx.group.pendingMembers()).containsKey("client-seed-1");
    assertThat(ctx.group.members()).isEmpty();
    assertThat(ctx.group.state()).isEqualTo(GroupState.EMPTY);
    assertThat(result.persist()).isFalse();
    assertThat(result.timers())
        .containsExactly(
            new TimerOp.Schedule(TimerKey.session("client-seed-1"), ctx.nowMs + SESSION_MS));
  }

  @Test
  void shouldGenerateDistinctDeterministicMemberIds() {
    // Given two machines with the same seed
    // When each hands out two ids
    String first = onlyJoin(ctx.apply(ctx.join(""))).memberId();
    String second = onlyJoin(ctx.apply(ctx.join(""))).memberId();

    // Then the ids are distinct and reproducible
    assertThat(List.of(first, second)).containsExactly("client-seed-1", "client-seed-2");
  }

  @Test
  void shouldHoldFirstJoinForTheInitialRebalanceDelay() {
    // Given a new group
    // When the first member joins with its id
    String id = ctx.joinNew();
    GroupResult result = ctx.results.getLast();

    // Then the join is held while the group waits the initial delay
    assertThat(ctx.group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
    assertThat(result.responses()).isEmpty();
    assertThat(ctx.member(id).isAwaitingJoin()).isTrue();
    assertThat(result.timers())
        .contains(new TimerOp.Schedule(TimerKey.INITIAL_DELAY, ctx.nowMs + 3_000));
  }

  @Test
  void shouldExtendInitialDelayWhileNewMembersArrive() {
    // Given a group in its initial delay
    ctx.joinNew();
    long firstDeadline = ctx.group.initialDelay().orElseThrow().deadlineMs();
    // When another member arrives before the delay ends
    ctx.joinNew();
    ctx.nowMs = firstDeadline;
    GroupResult result = ctx.apply(new GroupEvent.InitialDelayExpired(ctx.nowMs));

    // Then the delay is extended once more instead of completing
    assertThat(result.responses()).isEmpty();
    assertThat(ctx.group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
    assertThat(ctx.group.initialDelay().orElseThrow().deadlineMs())
        .isEqualTo(firstDeadline + 3_000);
    assertThat(ctx.group.initialDelay().orElseThrow().remainingMs())
        .isEqualTo(REBALANCE_MS - 6_000);
  }

  @Test
  void shouldCompleteJoinAfterInitialDelayWithFirstJoinedMemberAsLeader() {
    // Given two members joined during the initial delay
    String leader = ctx.joinNew();
    String follower = ctx.joinNew();
    long leaderJoin = ctx.group.member(leader).orElseThrow().joinRequestId();
    long followerJoin = ctx.group.member(follower).orElseThrow().joinRequestId();

    // When the (extended) delay runs out
    ctx.nowMs = ctx.group.initialDelay().orElseThrow().deadlineMs();
    ctx.apply(new GroupEvent.InitialDelayExpired(ctx.nowMs));
    ctx.nowMs = ctx.group.initialDelay().orElseThrow().deadlineMs();
    GroupResult result = ctx.apply(new GroupEvent.InitialDelayExpired(ctx.nowMs));

    // Then generation 1 starts; the leader receives the member list, the follower does not
    assertThat(ctx.group.state()).isEqualTo(GroupState.COMPLETING_REBALANCE);
    assertThat(ctx.group.generation()).isEqualTo(1);
    assertThat(ctx.group.protocolName()).contains("range");
    JoinResponse toLeader = (JoinResponse) responseTo(result, leaderJoin).orElseThrow();
    JoinResponse toFollower = (JoinResponse) responseTo(result, followerJoin).orElseThrow();
    assertThat(toLeader.leaderId()).isEqualTo(leader);
    assertThat(toLeader.members())
        .extracting(GroupResponse.JoinedMember::memberId)
        .containsExactly(leader, follower);
    assertThat(toLeader.members().getFirst().metadata()).isEqualTo(bytes("range-meta"));
    assertThat(toFollower.members()).isEmpty();
    assertThat(toFollower.leaderId()).isEqualTo(leader);
    assertThat(toFollower.generation()).isEqualTo(1);
    assertThat(result.persist()).isFalse();
    assertThat(result.timers())
        .contains(
            new TimerOp.Schedule(TimerKey.REBALANCE, ctx.nowMs + REBALANCE_MS),
            new TimerOp.Cancel(TimerKey.INITIAL_DELAY));
  }

  @Test
  void shouldGiveEveryMemberTheLeadersAssignmentOnlyAfterTheLeaderSyncs() {
    // Given a group whose join phase completed
    String leader = ctx.joinNew();
    String follower = ctx.joinNew();
    while (ctx.group.initialDelay().isPresent()) {
      ctx.nowMs = ctx.group.initialDelay().get().deadlineMs();
      ctx.apply(new GroupEvent.InitialDelayExpired(ctx.nowMs));
    }
    // When the follower syncs first
    GroupEvent.Sync followerSync = ctx.sync(follower, 1, Map.of());
    GroupResult held = ctx.apply(followerSync);
    // and then the leader sends the assignment
    GroupResult assigned =
        ctx.apply(
            ctx.sync(
                leader,
                1,
                Map.of(leader, bytes("p0"), follower, bytes("p1"), "stranger", bytes("p2"))));

    // Then the follower waited, and both get what the leader assigned; the group is Stable
    assertThat(held.responses()).isEmpty();
    assertThat(ctx.group.state()).isEqualTo(GroupState.STABLE);
    assertThat(responsesOf(assigned, SyncResponse.class))
        .extracting(SyncResponse::assignment)
        .containsExactlyInAnyOrder(bytes("p0"), bytes("p1"));
    SyncResponse toFollower =
        (SyncResponse) responseTo(assigned, followerSync.requestId()).orElseThrow();
    assertThat(toFollower.assignment()).isEqualTo(bytes("p1"));
    assertThat(toFollower.protocolName()).contains("range");
    assertThat(ctx.member(follower).assignment()).isEqualTo(bytes("p1"));
    assertThat(assigned.persist()).isTrue();
    assertThat(assigned.timers()).contains(new TimerOp.Cancel(TimerKey.REBALANCE));
  }

  @Test
  void shouldGiveEmptyAssignmentToMembersTheLeaderLeftOut() {
    // Given a completed join phase with two members
    List<String> ids = List.of(ctx.joinNew(), ctx.joinNew());
    while (ctx.group.initialDelay().isPresent()) {
      ctx.nowMs = ctx.group.initialDelay().get().deadlineMs();
      ctx.apply(new GroupEvent.InitialDelayExpired(ctx.nowMs));
    }
    // When the leader assigns only itself
    ctx.apply(ctx.sync(ids.get(0), 1, Map.of(ids.get(0), bytes("all"))));

    // Then the other member's assignment is empty
    assertThat(ctx.member(ids.get(1)).assignment()).isEqualTo(Bytes.EMPTY);
  }

  @Test
  void shouldAnswerSyncInStableGroupWithCurrentAssignment() {
    // Given a Stable group
    List<String> ids = ctx.stableGroupOf(2);
    // When a member syncs again
    SyncResponse response = onlySync(ctx.apply(ctx.sync(ids.get(1), 1, Map.of())));

    // Then it receives its current assignment
    assertThat(response.error()).isEqualTo(ErrorKind.NONE);
    assertThat(response.assignment()).isEqualTo(bytes("a-" + ids.get(1) + "-g1"));
  }

  @Test
  void shouldWaitForAllKnownMembersBeforeCompletingJoin() {
    // Given a Stable group of three
    List<String> ids = ctx.stableGroupOf(3);
    // When the leader rejoins (it always triggers a rebalance)
    GroupResult first = ctx.apply(ctx.join(ids.get(0)));
    GroupResult second = ctx.apply(ctx.join(ids.get(1)));
    GroupResult third = ctx.apply(ctx.join(ids.get(2)));

    // Then the joins are held until the last known member rejoined
    assertThat(first.responses()).isEmpty();
    assertThat(second.responses()).isEmpty();
    assertThat(responsesOf(third, JoinResponse.class))
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.generation()).isEqualTo(2));
    assertThat(ctx.group.state()).isEqualTo(GroupState.COMPLETING_REBALANCE);
  }

  @Test
  void shouldRemoveMembersThatDidNotRejoinWhenRebalanceTimesOut() {
    // Given a Stable group where a rebalance started and one member never rejoins
    List<String> ids = ctx.stableGroupOf(2);
    ctx.apply(ctx.join(ids.get(0)));
    // When the rebalance timeout passes
    ctx.advance(REBALANCE_MS);
    GroupResult result = ctx.apply(new GroupEvent.RebalanceTimeout(ctx.nowMs));

    // Then the absent member is gone and the next generation starts with the one that rejoined
    assertThat(ctx.group.members()).extracting(Member::memberId).containsExactly(ids.get(0));
    assertThat(ctx.group.generation()).isEqualTo(2);
    assertThat(onlyJoin(result).members()).hasSize(1);
    assertThat(result.timers()).contains(new TimerOp.Cancel(TimerKey.session(ids.get(1))));
  }

  @Test
  void shouldIgnoreRebalanceTimerThatFiresBeforeTheDeadline() {
    // Given a rebalance in progress
    List<String> ids = ctx.stableGroupOf(2);
    ctx.apply(ctx.join(ids.get(0)));
    Group before = ctx.group;
    // When a stale timer fires early
    GroupResult result = ctx.apply(new GroupEvent.RebalanceTimeout(ctx.nowMs + 1));

    // Then nothing changes
    assertThat(result.group()).isEqualTo(before);
    assertThat(result.responses()).isEmpty();
    assertThat(result.timers()).isEmpty();
  }

  @Test
  void shouldRemoveMembersThatNeverSyncWhenSyncPhaseTimesOut() {
    // Given a completed join phase where only the leader syncs
    String leader = ctx.joinNew();
    String silent = ctx.joinNew();
    while (ctx.group.initialDelay().isPresent()) {
      ctx.nowMs = ctx.group.initialDelay().get().deadlineMs();
      ctx.apply(new GroupEvent.InitialDelayExpired(ctx.nowMs));
    }
    ctx.apply(ctx.sync(leader, 1, Map.of()));
    // When the sync phase ends
    ctx.advance(REBALANCE_MS);
    ctx.apply(new GroupEvent.RebalanceTimeout(ctx.nowMs));

    // Then the silent member is removed and a new rebalance starts
    assertThat(ctx.group.member(silent)).isEmpty();
    assertThat(ctx.group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
  }

  @Test
  void shouldFailHeldSyncWithRebalanceInProgressWhenMemberJoinsDuringCompletingRebalance() {
    // Given a follower waiting in SyncGroup
    String leader = ctx.joinNew();
    String follower = ctx.joinNew();
    while (ctx.group.initialDelay().isPresent()) {
      ctx.nowMs = ctx.group.initialDelay().get().deadlineMs();
      ctx.apply(new GroupEvent.InitialDelayExpired(ctx.nowMs));
    }
    GroupEvent.Sync held = ctx.sync(follower, 1, Map.of());
    ctx.apply(held);
    // When a new member joins
    ctx.joinNew();
    GroupResult result = ctx.results.getLast();

    // Then the held sync fails with REBALANCE_IN_PROGRESS and a rebalance starts
    assertThat(responseTo(result, held.requestId()).orElseThrow().error())
        .isEqualTo(ErrorKind.REBALANCE_IN_PROGRESS);
    assertThat(ctx.group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
    assertThat(ctx.group.generation()).isEqualTo(1);
    assertThat(ctx.member(leader).isAwaitingJoin()).isFalse();
  }

  @Test
  void shouldAnswerFollowerRejoinWithUnchangedMetadataWithoutRebalance() {
    // Given a Stable group
    List<String> ids = ctx.stableGroupOf(2);
    // When a follower rejoins with the same protocols
    JoinResponse response = onlyJoin(ctx.apply(ctx.join(ids.get(1))));

    // Then it gets the current generation and the group stays Stable
    assertThat(response.error()).isEqualTo(ErrorKind.NONE);
    assertThat(response.generation()).isEqualTo(1);
    assertThat(response.members()).isEmpty();
    assertThat(ctx.group.state()).isEqualTo(GroupState.STABLE);
  }

  @Test
  void shouldRebalanceWhenFollowerRejoinsWithChangedMetadata() {
    // Given a Stable group
    List<String> ids = ctx.stableGroupOf(2);
    // When a follower rejoins with new subscription metadata
    GroupResult result =
        ctx.apply(
            ctx.join(
                ids.get(1), Optional.empty(), List.of(new Protocol("range", bytes("new-topics")))));

    // Then a rebalance starts and the join is held
    assertThat(result.responses()).isEmpty();
    assertThat(ctx.group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
  }

  @Test
  void shouldRunBackToBackRebalancesAsCooperativeProtocolsNeed() {
    // Given a Stable cooperative-sticky group
    List<String> ids = ctx.stableGroupOf(2);
    // When every member rejoins right after syncing (the cooperative second round)
    ids.forEach(id -> ctx.apply(ctx.join(id)));
    ctx.syncAll(ids);

    // Then generation 2 is Stable with the assignment from generation 2's leader sync
    assertThat(ctx.group.state()).isEqualTo(GroupState.STABLE);
    assertThat(ctx.group.generation()).isEqualTo(2);
    assertThat(ctx.group.members())
        .allSatisfy(m -> assertThat(m.assignment()).isEqualTo(bytes("a-" + m.memberId() + "-g2")));
  }

  @Test
  void shouldSelectTheCommonProtocolMostMembersPrefer() {
    // Given the first member prefers range, two others cooperative-sticky; all support both
    ctx.apply(ctx.join("", Optional.of("i1"), protocols("range", "cooperative-sticky")));
    ctx.apply(ctx.join("", Optional.of("i2"), protocols("cooperative-sticky", "range", "rr")));
    ctx.apply(ctx.join("", Optional.of("i3"), protocols("cooperative-sticky", "range")));
    // When the join phase completes
    while (ctx.group.initialDelay().isPresent()) {
      ctx.nowMs = ctx.group.initialDelay().get().deadlineMs();
      ctx.apply(new GroupEvent.InitialDelayExpired(ctx.nowMs));
    }

    // Then the protocol with most votes wins, though the leader prefers another
    assertThat(ctx.group.members()).hasSize(3);
    assertThat(ctx.group.protocolName()).contains("cooperative-sticky");
  }

  @Test
  void shouldRejectJoinWithoutACommonProtocolOrWithAnotherProtocolType() {
    // Given a group using range
    ctx.joinNew();
    // When members join with only another protocol, or another protocol type
    JoinResponse noCommon = onlyJoin(ctx.apply(ctx.join("", Optional.empty(), protocols("rr"))));
    JoinResponse otherType =
        onlyJoin(
            ctx.apply(
                new GroupEvent.Join(
                    ctx.requestId(),
                    ctx.nowMs,
                    "",
                    Optional.empty(),
                    "c",
                    "h",
                    REBALANCE_MS,
                    SESSION_MS,
                    "connect",
                    protocols("range"),
                    true,
                    true)));

    // Then both get INCONSISTENT_GROUP_PROTOCOL
    assertThat(noCommon.error()).isEqualTo(ErrorKind.INCONSISTENT_GROUP_PROTOCOL);
    assertThat(otherType.error()).isEqualTo(ErrorKind.INCONSISTENT_GROUP_PROTOCOL);
  }

  @Test
  void shouldRejectJoinWithSessionTimeoutOutsideBounds() {
    // When a member asks for a session timeout above group.max.session.timeout.ms
    JoinResponse response =
        onlyJoin(
            ctx.apply(
                new GroupEvent.Join(
                    ctx.requestId(),
                    ctx.nowMs,
                    "",
                    Optional.empty(),
                    "c",
                    "h",
                    REBALANCE_MS,
                    3_600_000,
                    "consumer",
                    protocols("range"),
                    true,
                    true)));

    // Then it is rejected and the group is unchanged
    assertThat(response.error()).isEqualTo(ErrorKind.INVALID_SESSION_TIMEOUT);
    assertThat(ctx.group).isEqualTo(Group.empty("g"));
  }

  @Test
  void shouldRejectNewMemberWhenGroupIsFull() {
    // Given a Stable group at its maximum size
    GroupStateMachineTestContext small =
        new GroupStateMachineTestContext(GroupSettings.defaults().withMaxSize(2));
    small.stableGroupOf(2);
    // When a third member joins
    JoinResponse response = onlyJoin(small.apply(small.join("")));

    // Then it gets GROUP_MAX_SIZE_REACHED
    assertThat(response.error()).isEqualTo(ErrorKind.GROUP_MAX_SIZE_REACHED);
    assertThat(small.group.pendingMembers()).isEmpty();
  }

  @Test
  void shouldAcceptHeartbeatInStableGroupAndRestartSessionWithoutPersisting() {
    // Given a Stable group
    List<String> ids = ctx.stableGroupOf(1);
    ctx.advance(5_000);
    // When the member heartbeats
    GroupResult result = ctx.apply(ctx.heartbeat(ids.get(0), 1));

    // Then the heartbeat succeeds, the session restarts and nothing is persisted
    assertThat(result.responses())
        .containsExactly(
            new HeartbeatResponse(result.responses().getFirst().requestId(), ErrorKind.NONE));
    assertThat(result.timers())
        .containsExactly(
            new TimerOp.Schedule(TimerKey.session(ids.get(0)), ctx.nowMs + SESSION_MS));
    assertThat(result.persist()).isFalse();
  }

  @Test
  void shouldAnswerHeartbeatsWithTheKafkaErrors() {
    // Given a group of two in a rebalance
    List<String> ids = ctx.stableGroupOf(2);
    ctx.apply(ctx.join(ids.get(0)));

    // When members heartbeat with current, wrong or unknown identities
    ErrorKind rebalancing = onlyError(ctx.apply(ctx.heartbeat(ids.get(1), 1)));
    ErrorKind oldGeneration = onlyError(ctx.apply(ctx.heartbeat(ids.get(1), 0)));
    ErrorKind unknown = onlyError(ctx.apply(ctx.heartbeat("nobody", 1)));

    // Then
    assertThat(rebalancing).isEqualTo(ErrorKind.REBALANCE_IN_PROGRESS);
    assertThat(oldGeneration).isEqualTo(ErrorKind.ILLEGAL_GENERATION);
    assertThat(unknown).isEqualTo(ErrorKind.UNKNOWN_MEMBER_ID);
  }

  @Test
  void shouldRejectSyncWithIllegalGenerationOrDuringPreparingRebalance() {
    // Given a Stable group that starts rebalancing
    List<String> ids = ctx.stableGroupOf(2);
    ErrorKind wrongGeneration = onlySync(ctx.apply(ctx.sync(ids.get(1), 7, Map.of()))).error();
    ctx.apply(ctx.join(ids.get(0)));
    // When a member syncs while the join phase runs
    ErrorKind preparing = onlySync(ctx.apply(ctx.sync(ids.get(1), 1, Map.of()))).error();

    // Then
    assertThat(wrongGeneration).isEqualTo(ErrorKind.ILLEGAL_GENERATION);
    assertThat(preparing).isEqualTo(ErrorKind.REBALANCE_IN_PROGRESS);
  }

  @Test
  void shouldAnswerARetriedJoinAndDropTheOneItReplaces() {
    // Given a member whose join is held
    List<String> ids = ctx.stableGroupOf(2);
    GroupEvent.Join first = ctx.join(ids.get(0));
    ctx.apply(first);
    // When the client retries the join
    GroupResult retry = ctx.apply(ctx.join(ids.get(0)));

    // Then the first request is answered so it is not left hanging
    assertThat(responseTo(retry, first.requestId()).orElseThrow().error())
        .isEqualTo(ErrorKind.REBALANCE_IN_PROGRESS);
    assertThat(ctx.member(ids.get(0)).isAwaitingJoin()).isTrue();
  }

  private static ErrorKind onlyError(GroupResult result) {
    assertThat(result.responses()).hasSize(1);
    return result.responses().getFirst().error();
  }
}
