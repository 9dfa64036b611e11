/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.broker.api.ManualScheduler;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.store.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds {@link GroupCoordinator}s over an {@link InMemoryGroupRegistry}, a manual clock and
 * scheduler, and coordinator partitions the test owns or disowns at will; plus request helpers.
 */
final class GroupCoordinatorTestContext implements AutoCloseable {
  static final int PARTITIONS = 4;
  static final int SESSION_MS = 10_000;
  static final int REBALANCE_MS = 30_000;

  final ManualClock clock = new ManualClock();
  final ManualScheduler scheduler = new ManualScheduler(clock);
  final InMemoryGroupRegistry registry = new InMemoryGroupRegistry();
  final Map<Integer, CoordinatorFence> owned = new ConcurrentHashMap<>();
  final GroupConfig config =
      new GroupConfig(
          GroupSettings.defaults().withInitialRebalanceDelayMs(0),
          PARTITIONS,
          Duration.ofMinutes(60),
          Duration.ofMinutes(1),
          Duration.ofSeconds(1));

  final CoordinatorPartitions partitions =
      new CoordinatorPartitions() {
        @Override
        public int count() {
          return PARTITIONS;
        }

        @Override
        public Optional<CoordinatorFence> fence(int partition) {
          return Optional.ofNullable(owned.get(partition));
        }
      };

  GroupCoordinator coordinator = newCoordinator(1);

  GroupCoordinator newCoordinator(int brokerId) {
    GroupCoordinator c =
        new GroupCoordinator(registry, partitions, config, scheduler, clock, brokerId);
    c.start();
    return c;
  }

  /** Owns every partition at {@code epoch} as {@code brokerId} (and makes it the store's fence). */
  void own(int brokerId, int epoch) {
    for (int p = 0; p < PARTITIONS; p++) {
      CoordinatorFence fence =
          new CoordinatorFence(
              CoordinatorPartitions.TOPIC,
              p,
              new BrokerSession(brokerId, "inc" + brokerId, 7),
              epoch);
      owned.put(p, fence);
      synchronized (registry) {
        registry.currentFences.put(p, fence);
      }
    }
  }

  static Bytes bytes(String s) {
    return Bytes.of(s.getBytes(StandardCharsets.UTF_8));
  }

  CompletableFuture<GroupResponse> join(GroupCoordinator c, String group, String memberId) {
    return join(c, group, memberId, Optional.empty());
  }

  CompletableFuture<GroupResponse> join(
      GroupCoordinator c, String group, String memberId, Optional<String> instanceId) {
    return c.handle(
        group,
        (id, now) ->
            new GroupEvent.Join(
                id,
                now,
                memberId,
                instanceId,
                "client",
                "/127.0.0.1",
                REBALANCE_MS,
                SESSION_MS,
                "consumer",
                List.of(new Protocol("range", bytes("sub"))),
                true,
                false));
  }

  CompletableFuture<GroupResponse> sync(
      GroupCoordinator c, String group, String memberId, int generation, Map<String, Bytes> a) {
    return c.handle(
        group,
        (id, now) ->
            new GroupEvent.Sync(
                id,
                now,
                memberId,
                Optional.empty(),
                generation,
                Optional.empty(),
                Optional.empty(),
                a));
  }

  CompletableFuture<GroupResponse> heartbeat(
      GroupCoordinator c, String group, String memberId, int generation) {
    return c.handle(
        group,
        (id, now) -> new GroupEvent.Heartbeat(id, now, memberId, Optional.empty(), generation));
  }

  CompletableFuture<ErrorKind> commit(
      GroupCoordinator c, String group, String memberId, int generation, long offset) {
    return c.commitOffsets(
        group,
        memberId,
        Optional.empty(),
        generation,
        Map.of(
            new PartitionRef("orders", 0),
            new CommittedOffsetRecord(offset, 3, "m", clock.millis())));
  }

  /** Joins one member (rejoining with the id KIP-394 hands out) and syncs as leader. */
  String joinAndSyncAlone(GroupCoordinator c, String group) {
    GroupResponse.JoinResponse first = (GroupResponse.JoinResponse) join(c, group, "").join();
    GroupResponse.JoinResponse joined =
        (GroupResponse.JoinResponse) join(c, group, first.memberId()).join();
    sync(c, group, joined.memberId(), joined.generation(), Map.of(joined.memberId(), bytes("p0")))
        .join();
    return joined.memberId();
  }

  @Override
  public void close() {
    coordinator.close();
  }
}
