/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import static io.kafscale.broker.group.GroupCoordinatorTestContext.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.group.GroupResponse.JoinResponse;
import io.kafscale.broker.group.GroupResponse.SyncResponse;
import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.PartitionRef;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The coordinator shell over an in-memory registry, a manual clock and scheduler. */
class GroupCoordinatorTest {
  private final GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext();

  @BeforeEach
  void ownEveryPartition() {
    ctx.own(1, 1);
  }

  @AfterEach
  void tearDown() {
    ctx.close();
  }

  private static Throwable failure(CompletableFuture<?> f) {
    assertThat(f).isCompletedExceptionally();
    try {
      f.join();
      throw new AssertionError("not failed");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  @Test
  void shouldRunJoinSyncAndHeartbeatForOneMember() {
    // Given
    GroupCoordinator c = ctx.coordinator;
    JoinResponse first = (JoinResponse) ctx.join(c, "g", "").join();
    // When
    JoinResponse joined = (JoinResponse) ctx.join(c, "g", first.memberId()).join();
    SyncResponse synced =
        (SyncResponse)
            ctx.sync(c, "g", joined.memberId(), 1, Map.of(joined.memberId(), bytes("p0"))).join();
    GroupResponse beat = ctx.heartbeat(c, "g", joined.memberId(), 1).join();
    // Then
    assertThat(first.error()).isEqualTo(ErrorKind.MEMBER_ID_REQUIRED);
    assertThat(joined.error()).isEqualTo(ErrorKind.NONE);
    assertThat(joined.generation()).isEqualTo(1);
    assertThat(joined.leaderId()).isEqualTo(joined.memberId());
    assertThat(synced.assignment()).isEqualTo(bytes("p0"));
    assertThat(beat.error()).isEqualTo(ErrorKind.NONE);
    assertThat(c.describe("g").join()).get().extracting(Group::state).isEqualTo(GroupState.STABLE);
  }

  @Test
  void shouldPersistOnlyWhenAGenerationCompletesNotOnHeartbeats() {
    // Given
    GroupCoordinator c = ctx.coordinator;
    JoinResponse first = (JoinResponse) ctx.join(c, "g", "").join();
    ctx.join(c, "g", first.memberId()).join();
    assertThat(ctx.registry.saves).isEmpty();
    // When
    ctx.sync(c, "g", first.memberId(), 1, Map.of(first.memberId(), bytes("p0"))).join();
    for (int i = 0; i < 5; i++) {
      ctx.scheduler.advance(Duration.ofSeconds(3));
      ctx.heartbeat(c, "g", first.memberId(), 1).join();
    }
    // Then
    assertThat(ctx.registry.saves).hasSize(1);
    assertThat(ctx.registry.saves.getFirst().generation()).isEqualTo(1);
    assertThat(ctx.registry.saves.getFirst().members())
        .singleElement()
        .satisfies(m -> assertThat(m.assignment()).isEqualTo("p0".getBytes()));
  }

  @Test
  void shouldAnswerTheLeadersSyncOnlyAfterTheGroupIsDurable() {
    // Given
    GroupCoordinator c = ctx.coordinator;
    JoinResponse first = (JoinResponse) ctx.join(c, "g", "").join();
    ctx.join(c, "g", first.memberId()).join();
    ctx.registry.hold();
    // When
    CompletableFuture<GroupResponse> sync =
        ctx.sync(c, "g", first.memberId(), 1, Map.of(first.memberId(), bytes("p0")));
    // Then
    assertThat(sync).isNotDone();
    ctx.registry.release();
    assertThat(sync).isCompleted();
    assertThat(sync.join().error()).isEqualTo(ErrorKind.NONE);
  }

  @Test
  void shouldContinueTheGenerationWhenANewCoordinatorReloadsTheGroup() {
    // Given: a stable group on broker 1, then broker 2 takes the partitions over at epoch 2
    String member = ctx.joinAndSyncAlone(ctx.coordinator, "g");
    ctx.coordinator
        .commitOffsets(
            "g",
            member,
            Optional.empty(),
            1,
            Map.of(new PartitionRef("orders", 0), new CommittedOffsetRecord(17, 2, "", 0)))
        .join();
    ctx.own(2, 2);
    GroupCoordinator successor = ctx.newCoordinator(2);
    // When
    GroupResponse beat = ctx.heartbeat(successor, "g", member, 1).join();
    Group group = successor.describe("g").join().orElseThrow();
    // Then
    assertThat(beat.error()).isEqualTo(ErrorKind.NONE);
    assertThat(group.state()).isEqualTo(GroupState.STABLE);
    assertThat(group.generation()).isEqualTo(1);
    assertThat(group.member(member).orElseThrow().assignment()).isEqualTo(bytes("p0"));
    assertThat(successor.fetchOffsets("g").join())
        .containsEntry(new PartitionRef("orders", 0), new CommittedOffsetRecord(17, 2, "", 0));
    successor.close();
  }

  @Test
  void shouldValidateMemberCommitsByGenerationAndMemberId() {
    // Given
    String member = ctx.joinAndSyncAlone(ctx.coordinator, "g");
    GroupCoordinator c = ctx.coordinator;
    // When / Then
    assertThat(ctx.commit(c, "g", member, 1, 5).join()).isEqualTo(ErrorKind.NONE);
    assertThat(ctx.commit(c, "g", member, 7, 6).join()).isEqualTo(ErrorKind.ILLEGAL_GENERATION);
    assertThat(ctx.commit(c, "g", "stranger", 1, 6).join()).isEqualTo(ErrorKind.UNKNOWN_MEMBER_ID);
    assertThat(ctx.commit(c, "g", "", -1, 6).join()).isEqualTo(ErrorKind.UNKNOWN_MEMBER_ID);
    assertThat(c.fetchOffsets("g").join().get(new PartitionRef("orders", 0)).offset()).isEqualTo(5);
    assertThat(ctx.registry.offsets.get("g").get(new PartitionRef("orders", 0)).offset())
        .isEqualTo(5);
  }

  @Test
  void shouldRejectCommitsWhileTheGroupAwaitsTheLeadersAssignment() {
    // Given: joined (generation 1) but not synced: CompletingRebalance
    GroupCoordinator c = ctx.coordinator;
    JoinResponse first = (JoinResponse) ctx.join(c, "g", "").join();
    ctx.join(c, "g", first.memberId()).join();
    // When
    ErrorKind error = ctx.commit(c, "g", first.memberId(), 1, 5).join();
    // Then
    assertThat(error).isEqualTo(ErrorKind.REBALANCE_IN_PROGRESS);
  }

  @Test
  void shouldAcceptCommitsFromAssignConsumersAndPersistThemBeforeAnswering() {
    // Given
    GroupCoordinator c = ctx.coordinator;
    ctx.registry.hold();
    // When
    CompletableFuture<ErrorKind> commit = ctx.commit(c, "solo", "", -1, 42);
    // Then
    assertThat(commit).isNotDone();
    ctx.registry.release();
    assertThat(commit.join()).isEqualTo(ErrorKind.NONE);
    assertThat(ctx.registry.offsets.get("solo")).containsKey(new PartitionRef("orders", 0));
    assertThat(c.fetchOffsets("solo").join().get(new PartitionRef("orders", 0)).offset())
        .isEqualTo(42);
    assertThat(c.listGroups().join()).extracting(Group::groupId).containsExactly("solo");
  }

  @Test
  void shouldExpireOffsetsOfEmptyGroupsAfterTheRetention() {
    // Given: retention is 60 minutes
    GroupCoordinator c = ctx.coordinator;
    ctx.commit(c, "solo", "", -1, 42).join();
    // When
    ctx.clock.advance(Duration.ofMinutes(59));
    c.expireOffsets().join();
    Map<PartitionRef, CommittedOffsetRecord> kept = c.fetchOffsets("solo").join();
    ctx.clock.advance(Duration.ofMinutes(2));
    c.expireOffsets().join();
    // Then
    assertThat(kept).hasSize(1);
    assertThat(c.fetchOffsets("solo").join()).isEmpty();
    assertThat(ctx.registry.offsets).doesNotContainKey("solo");
    assertThat(c.describe("solo").join()).isEmpty();
  }

  @Test
  void shouldKeepOffsetsOfGroupsWithMembersPastTheRetention() {
    // Given
    String member = ctx.joinAndSyncAlone(ctx.coordinator, "g");
    ctx.commit(ctx.coordinator, "g", member, 1, 5).join();
    // When: the member keeps heartbeating for two hours
    for (int i = 0; i < 1_440; i++) {
      ctx.clock.advance(Duration.ofSeconds(5));
      ctx.heartbeat(ctx.coordinator, "g", member, 1).join();
    }
    ctx.coordinator.expireOffsets().join();
    // Then
    assertThat(ctx.coordinator.fetchOffsets("g").join()).hasSize(1);
  }

  @Test
  void shouldExpireAMemberWhoseSessionTimesOutAndPersistTheEmptyGroup() {
    // Given
    String member = ctx.joinAndSyncAlone(ctx.coordinator, "g");
    // When
    ctx.scheduler.advance(Duration.ofMillis(GroupCoordinatorTestContext.SESSION_MS + 1));
    // Then
    Group group = ctx.coordinator.describe("g").join().orElseThrow();
    assertThat(group.state()).isEqualTo(GroupState.EMPTY);
    assertThat(group.member(member)).isEmpty();
    assertThat(ctx.registry.saves).hasSize(2);
    assertThat(ctx.registry.saves.getLast().members()).isEmpty();
  }

  @Test
  void shouldFailHeldRequestsWithNotCoordinatorWhenOwnershipIsLost() {
    // Given: a second member's join is held while the first must rejoin
    GroupCoordinator c = ctx.coordinator;
    ctx.joinAndSyncAlone(c, "g");
    JoinResponse second = (JoinResponse) ctx.join(c, "g", "").join();
    CompletableFuture<GroupResponse> held = ctx.join(c, "g", second.memberId());
    assertThat(held).isNotDone();
    // When
    ctx.owned.clear();
    ctx.scheduler.advance(Duration.ofSeconds(1));
    // Then
    assertThat(failure(held)).isInstanceOf(NotCoordinatorException.class);
    assertThat(c.loadedGroups()).isZero();
    assertThat(failure(ctx.heartbeat(c, "g", second.memberId(), 1)))
        .isInstanceOf(NotCoordinatorException.class);
    assertThat(c.isCoordinator("g")).isFalse();
  }

  @Test
  void shouldReloadTheGroupWhenTheCoordinatorPartitionEpochChanges() {
    // Given
    GroupCoordinator c = ctx.coordinator;
    String member = ctx.joinAndSyncAlone(c, "g");
    JoinResponse second = (JoinResponse) ctx.join(c, "g", "").join();
    CompletableFuture<GroupResponse> held = ctx.join(c, "g", second.memberId());
    // When: re-claimed at a newer epoch (e.g. after a lost lease)
    ctx.own(1, 5);
    GroupResponse beat = ctx.heartbeat(c, "g", member, 1).join();
    // Then
    assertThat(failure(held)).isInstanceOf(NotCoordinatorException.class);
    assertThat(beat.error()).isEqualTo(ErrorKind.NONE);
  }

  @Test
  void shouldUnloadTheGroupWhenAWriteIsFenced() {
    // Given: the store already belongs to another owner's epoch
    GroupCoordinator c = ctx.coordinator;
    ctx.registry.currentFences.clear();
    // When
    CompletableFuture<ErrorKind> commit = ctx.commit(c, "solo", "", -1, 1);
    // Then
    assertThat(commit).isCompletedExceptionally();
    assertThat(c.loadedGroups()).isZero();
  }

  @Test
  void shouldDeleteOnlyEmptyGroupsAndAnswerUnknownGroupsAsNotFound() {
    // Given
    GroupCoordinator c = ctx.coordinator;
    ctx.joinAndSyncAlone(c, "busy");
    ctx.commit(c, "idle", "", -1, 3).join();
    // When
    GroupResponse busy = c.handle("busy", GroupEvent.Delete::new).join();
    GroupResponse idle = c.handle("idle", GroupEvent.Delete::new).join();
    GroupResponse unknown = c.handle("nobody", GroupEvent.Delete::new).join();
    // Then
    assertThat(busy.error()).isEqualTo(ErrorKind.NON_EMPTY_GROUP);
    assertThat(idle.error()).isEqualTo(ErrorKind.NONE);
    assertThat(unknown.error()).isEqualTo(ErrorKind.GROUP_ID_NOT_FOUND);
    assertThat(ctx.registry.offsets).doesNotContainKey("idle");
    assertThat(c.fetchOffsets("idle").join()).isEmpty();
  }

  @Test
  void shouldRefuseToDeleteOffsetsOfTopicsTheMembersConsume() {
    // Given
    GroupCoordinator c = ctx.coordinator;
    String member = ctx.joinAndSyncAlone(c, "g");
    c.commitOffsets(
            "g",
            member,
            Optional.empty(),
            1,
            Map.of(
                new PartitionRef("orders", 0), new CommittedOffsetRecord(1, -1, "", 0),
                new PartitionRef("old", 0), new CommittedOffsetRecord(2, -1, "", 0)))
        .join();
    // When
    GroupCoordinator.OffsetDeleteResult result =
        c.deleteOffsets(
                "g",
                java.util.Set.of(new PartitionRef("orders", 0), new PartitionRef("old", 0)),
                g -> java.util.Set.of("orders"))
            .join();
    // Then
    assertThat(result.groupError()).isEqualTo(ErrorKind.NONE);
    assertThat(result.partitions())
        .containsEntry(new PartitionRef("orders", 0), ErrorKind.GROUP_SUBSCRIBED_TO_TOPIC)
        .containsEntry(new PartitionRef("old", 0), ErrorKind.NONE);
    assertThat(c.fetchOffsets("g").join()).containsOnlyKeys(new PartitionRef("orders", 0));
  }
}
