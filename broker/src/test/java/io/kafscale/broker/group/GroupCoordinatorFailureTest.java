/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import static io.kafscale.broker.group.GroupCoordinatorTestContext.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.kafscale.broker.api.ManualScheduler;
import io.kafscale.broker.group.GroupResponse.JoinResponse;
import io.kafscale.broker.partition.Scheduler;
import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.MetadataStoreException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The coordinator shell under races, early timers and failures: loads, unloads, store errors and
 * throwing timers, each made deterministic with the in-memory registry and manual time.
 */
class GroupCoordinatorFailureTest {
  private final GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext();
  private GroupCoordinator other;

  @BeforeEach
  void ownEveryPartition() {
    ctx.own(1, 1);
  }

  @AfterEach
  void tearDown() {
    ctx.close();
    if (other != null) {
      other.close();
    }
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

  private static GroupEvent.Join joinEvent(long id, long now, String memberId) {
    return new GroupEvent.Join(
        id,
        now,
        memberId,
        Optional.empty(),
        "client",
        "/127.0.0.1",
        GroupCoordinatorTestContext.REBALANCE_MS,
        GroupCoordinatorTestContext.SESSION_MS,
        "consumer",
        List.of(new Protocol("range", bytes("sub"))),
        true,
        false);
  }

  /** Publishes slots like a map, but runs a hook right after a slot becomes visible. */
  private static final class RacingMap extends ConcurrentHashMap<String, GroupSlot> {
    Runnable afterPublish = () -> {};

    @Override
    public GroupSlot putIfAbsent(String key, GroupSlot value) {
      GroupSlot previous = super.putIfAbsent(key, value);
      if (previous == null) {
        Runnable hook = afterPublish;
        afterPublish = () -> {};
        hook.run();
      }
      return previous;
    }
  }

  @Test
  void shouldRunARequestThatFindsASlotStillLoadingOnlyAfterItsLoad() {
    // Given: stored offsets, and a load that completes when the test says
    PartitionRef orders = new PartitionRef("orders", 0);
    ctx.registry.offsets.put(
        "g", new TreeMap<>(Map.of(orders, new CommittedOffsetRecord(42, 3, "", 0))));
    ctx.registry.holdLoads();
    RacingMap published = new RacingMap();
    GroupSlots slots =
        new GroupSlots(
            ctx.registry,
            ctx.partitions,
            ctx.config.settings(),
            ctx.clock,
            1,
            (s, o) -> {},
            published);
    AtomicReference<CompletableFuture<Map<PartitionRef, CommittedOffsetRecord>>> seen =
        new AtomicReference<>();
    // When: a concurrent request finds the slot the moment it is published
    published.afterPublish =
        () ->
            seen.set(
                slots.inGroup(
                    "g", slot -> CompletableFuture.completedFuture(Map.copyOf(slot.offsets))));
    slots.slot("g");
    // Then: it waits for the load and sees the stored offsets
    assertThat(seen.get()).isNotDone();
    ctx.registry.releaseLoads();
    assertThat(seen.get().join()).containsKey(orders);
  }

  @Test
  void shouldRearmATimerThatFiresBeforeItsDeadlineByTheCoordinatorsClock() {
    // Given: the scheduler measures elapsed time; the coordinator's clock is stepped back 5s
    ManualScheduler elapsed = new ManualScheduler(new ManualClock());
    other = new GroupCoordinator(ctx.registry, ctx.partitions, ctx.config, elapsed, ctx.clock, 2);
    other.start();
    ctx.joinAndSyncAlone(other, "g");
    ctx.clock.advance(Duration.ofSeconds(-5));
    // When: the session timer fires 5s early by the clock, then the real deadline passes
    ctx.clock.advance(Duration.ofMillis(GroupCoordinatorTestContext.SESSION_MS));
    elapsed.advance(Duration.ofMillis(GroupCoordinatorTestContext.SESSION_MS));
    GroupState early = other.describe("g").join().orElseThrow().state();
    ctx.clock.advance(Duration.ofSeconds(5));
    elapsed.advance(Duration.ofSeconds(5));
    // Then
    assertThat(early).isEqualTo(GroupState.STABLE);
    Group expired = other.describe("g").join().orElseThrow();
    assertThat(expired.state()).isEqualTo(GroupState.EMPTY);
    assertThat(expired.members()).isEmpty();
  }

  @Test
  void shouldFailAHeldJoinWithNotCoordinatorWhenTheGroupUnloadsWhileItIsQueued() {
    // Given: the second member's rejoin will be held until the first member rejoins
    GroupCoordinator c = ctx.coordinator;
    ctx.joinAndSyncAlone(c, "g");
    JoinResponse second = (JoinResponse) ctx.join(c, "g", "").join();
    // When: the group unloads after the request passed the unloaded check
    CompletableFuture<GroupResponse> held =
        c.handle(
            "g",
            (id, now) -> {
              ctx.owned.clear();
              c.checkOwnership();
              return joinEvent(id, now, second.memberId());
            });
    // Then
    assertThat(failure(held)).isInstanceOf(NotCoordinatorException.class);
  }

  @Test
  void shouldFailTheRequestWhenApplyingItsEventThrows() {
    // Given: a scheduler that refuses to arm timers
    FlakyScheduler flaky = new FlakyScheduler(ctx.scheduler);
    other = new GroupCoordinator(ctx.registry, ctx.partitions, ctx.config, flaky, ctx.clock, 2);
    flaky.broken = true;
    // When
    CompletableFuture<GroupResponse> join = ctx.join(other, "g", "");
    flaky.broken = false;
    GroupResponse retried = ctx.join(other, "g", "").join();
    // Then
    // (NOT_COORDINATOR: the group had changed, so it was unloaded to reload clean)
    assertThat(failure(join)).isInstanceOf(NotCoordinatorException.class);
    assertThat(((JoinResponse) retried).error()).isEqualTo(ErrorKind.MEMBER_ID_REQUIRED);
  }

  @Test
  void shouldRevertTheCacheAndKeepTheGroupLoadedWhenTheStoreRejectsACommit() {
    // Given
    GroupCoordinator c = ctx.coordinator;
    ctx.commit(c, "solo", "", -1, 1).join();
    ctx.registry.failNextWrite(new IllegalArgumentException("value too large"));
    // When
    CompletableFuture<ErrorKind> rejected = ctx.commit(c, "solo", "", -1, 2);
    // Then
    assertThat(failure(rejected)).isInstanceOf(IllegalArgumentException.class);
    assertThat(c.loadedGroups()).isEqualTo(1);
    assertThat(c.fetchOffsets("solo").join().values())
        .extracting(CommittedOffsetRecord::offset)
        .containsExactly(1L);
  }

  @Test
  void shouldUnloadTheGroupWhenACommitsOutcomeIsUnknown() {
    // Given
    GroupCoordinator c = ctx.coordinator;
    ctx.commit(c, "solo", "", -1, 1).join();
    ctx.registry.failNextWrite(new MetadataStoreException("timed out"));
    // When
    CompletableFuture<ErrorKind> unknown = ctx.commit(c, "solo", "", -1, 2);
    // Then
    assertThat(failure(unknown)).isInstanceOf(MetadataStoreException.class);
    assertThat(c.loadedGroups()).isZero();
  }

  @Test
  void shouldKeepCheckingOwnershipAfterACheckThrows() {
    // Given: a loaded group and coordinator partitions that fail once
    ThrowingPartitions partitions = new ThrowingPartitions(ctx.partitions);
    other = new GroupCoordinator(ctx.registry, partitions, ctx.config, ctx.scheduler, ctx.clock, 2);
    other.start();
    ctx.commit(other, "solo", "", -1, 1).join();
    partitions.broken = true;
    // When
    assertThatCode(() -> ctx.scheduler.advance(Duration.ofSeconds(1))).doesNotThrowAnyException();
    partitions.broken = false;
    ctx.owned.clear();
    ctx.scheduler.advance(Duration.ofSeconds(1));
    // Then
    assertThat(other.loadedGroups()).isZero();
  }

  @Test
  void shouldKeepSweepingExpiredOffsetsAfterASweepThrows() {
    // Given: an Empty group's offsets and a store whose next listing throws
    GroupCoordinator c = ctx.coordinator;
    ctx.commit(c, "solo", "", -1, 1).join();
    ctx.registry.failNextList(new IllegalStateException("store closed"));
    // When
    assertThatCode(() -> ctx.scheduler.advance(Duration.ofMinutes(1))).doesNotThrowAnyException();
    ctx.scheduler.advance(Duration.ofMinutes(61));
    // Then
    assertThat(ctx.registry.offsets).doesNotContainKey("solo");
  }

  /** Delegates, but throws from {@link #schedule} while broken. */
  private static final class FlakyScheduler implements Scheduler {
    private final Scheduler delegate;
    volatile boolean broken;

    FlakyScheduler(Scheduler delegate) {
      this.delegate = delegate;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
      if (broken) {
        throw new IllegalStateException("scheduler closed");
      }
      return delegate.schedule(delay, task);
    }
  }

  /** Delegates, but throws from {@link #fence} while broken. */
  private static final class ThrowingPartitions implements CoordinatorPartitions {
    private final CoordinatorPartitions delegate;
    volatile boolean broken;

    ThrowingPartitions(CoordinatorPartitions delegate) {
      this.delegate = delegate;
    }

    @Override
    public int count() {
      return delegate.count();
    }

    @Override
    public Optional<CoordinatorFence> fence(int partition) {
      if (broken) {
        throw new IllegalStateException("cluster view unavailable");
      }
      return delegate.fence(partition);
    }
  }
}
