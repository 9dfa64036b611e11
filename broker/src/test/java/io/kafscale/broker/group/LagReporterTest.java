/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.PartitionRef;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lag reporter over a real coordinator (in-memory registry, manual clock and scheduler). */
class LagReporterTest {
  private static final Duration INTERVAL = Duration.ofSeconds(30);

  private final GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final Map<PartitionRef, Long> hws = new ConcurrentHashMap<>();
  private final List<Set<PartitionRef>> reads = new CopyOnWriteArrayList<>();
  private volatile boolean storeDown;
  private final HighWatermarkSource source =
      partitions -> {
        reads.add(Set.copyOf(partitions));
        if (storeDown) {
          return CompletableFuture.failedFuture(new IllegalStateException("store down"));
        }
        Map<PartitionRef, Long> known = new java.util.HashMap<>(hws);
        known.keySet().retainAll(partitions);
        return CompletableFuture.completedFuture(known);
      };
  private LagReporter reporter;

  @BeforeEach
  void ownEveryPartition() {
    ctx.own(1, 1);
  }

  @AfterEach
  void tearDown() {
    if (reporter != null) {
      reporter.close();
    }
    ctx.close();
    meters.close();
  }

  private LagReporter reporter(boolean perPartition, int maxGroups) {
    reporter =
        new LagReporter(
            ctx.coordinator,
            source,
            new LagConfig(INTERVAL, perPartition, maxGroups),
            ctx.scheduler,
            ctx.clock,
            meters);
    return reporter;
  }

  /** An assign() consumer's commit: no member, generation -1. */
  private void commit(String group, String topic, int partition, long offset) {
    ErrorKind result =
        ctx.coordinator
            .commitOffsets(
                group,
                "",
                Optional.empty(),
                -1,
                Map.of(
                    new PartitionRef(topic, partition),
                    new CommittedOffsetRecord(offset, 0, "", ctx.clock.millis())))
            .join();
    assertThat(result).isEqualTo(ErrorKind.NONE);
  }

  private Optional<Double> groupLag(String group) {
    return Optional.ofNullable(meters.find("kafscale.consumer.lag").tag("group", group).gauge())
        .map(Gauge::value);
  }

  @Test
  void shouldExportTheLagOfEachCoordinatedGroupEveryInterval() {
    // Given
    commit("g1", "orders", 0, 10);
    commit("g1", "orders", 1, 4);
    hws.put(new PartitionRef("orders", 0), 25L);
    hws.put(new PartitionRef("orders", 1), 4L);
    reporter(false, 10).start();
    assertThat(groupLag("g1")).isEmpty();

    // When
    ctx.scheduler.advance(INTERVAL);

    // Then
    await().untilAsserted(() -> assertThat(groupLag("g1")).contains(15.0));
    assertThat(reporter.latest().group("g1")).get().extracting(GroupLag::totalLag).isEqualTo(15L);
    assertThat(meters.find("kafscale.consumer.lag.groups").gauge().value()).isEqualTo(1.0);
    assertThat(meters.find("kafscale.consumer.partition.lag").gauges()).isEmpty();
  }

  @Test
  void shouldFollowNewCommitsAtTheNextComputation() {
    // Given
    commit("g1", "orders", 0, 10);
    hws.put(new PartitionRef("orders", 0), 25L);
    reporter(false, 10).refresh().join();

    // When
    commit("g1", "orders", 0, 25);
    reporter.refresh().join();

    // Then
    assertThat(groupLag("g1")).contains(0.0);
  }

  @Test
  void shouldReadHighWatermarksOnceForAllGroupsPerComputation() {
    // Given
    commit("g1", "orders", 0, 1);
    commit("g2", "orders", 0, 2);
    commit("g2", "payments", 3, 2);

    // When
    reporter(false, 10).refresh().join();

    // Then
    assertThat(reads)
        .containsExactly(Set.of(new PartitionRef("orders", 0), new PartitionRef("payments", 3)));
  }

  @Test
  void shouldRemoveTheSeriesOfGroupsThatMovedToAnotherCoordinator() {
    // Given
    commit("g1", "orders", 0, 10);
    hws.put(new PartitionRef("orders", 0), 12L);
    reporter(true, 10).refresh().join();
    assertThat(groupLag("g1")).contains(2.0);

    // When: the coordinator partitions move away
    ctx.owned.clear();
    ctx.coordinator.checkOwnership();
    reporter.refresh().join();

    // Then
    assertThat(groupLag("g1")).isEmpty();
    assertThat(meters.find("kafscale.consumer.partition.lag").gauges()).isEmpty();
    assertThat(reporter.latest().groups()).isEmpty();
  }

  @Test
  void shouldExportPartitionSeriesWhenConfigured() {
    // Given
    commit("g1", "orders", 0, 10);
    commit("g1", "orders", 1, 3);
    hws.put(new PartitionRef("orders", 0), 12L);
    hws.put(new PartitionRef("orders", 1), 9L);

    // When
    reporter(true, 10).refresh().join();

    // Then
    Gauge p1 =
        meters
            .find("kafscale.consumer.partition.lag")
            .tags("group", "g1", "topic", "orders", "partition", "1")
            .gauge();
    assertThat(p1).isNotNull();
    assertThat(p1.value()).isEqualTo(6.0);
    assertThat(meters.find("kafscale.consumer.partition.lag").gauges()).hasSize(2);
  }

  @Test
  void shouldSumTheGroupsBeyondTheCapIntoOther() {
    // Given
    commit("big", "orders", 0, 0);
    commit("small-1", "orders", 0, 95);
    commit("small-2", "orders", 0, 98);
    hws.put(new PartitionRef("orders", 0), 100L);

    // When
    reporter(false, 1).refresh().join();

    // Then
    assertThat(groupLag("big")).contains(100.0);
    assertThat(groupLag(LagSeries.OTHER)).contains(7.0);
    assertThat(groupLag("small-1")).isEmpty();
    assertThat(meters.find("kafscale.consumer.lag").gauges()).hasSize(2);
  }

  @Test
  void shouldCountAFailedComputationKeepThePreviousValuesAndTryAgain() {
    // Given
    commit("g1", "orders", 0, 10);
    hws.put(new PartitionRef("orders", 0), 12L);
    reporter(false, 10).start();
    ctx.scheduler.advance(INTERVAL);
    await().untilAsserted(() -> assertThat(groupLag("g1")).contains(2.0));

    // When
    storeDown = true;
    ctx.scheduler.advance(INTERVAL);

    // Then
    await()
        .untilAsserted(
            () ->
                assertThat(meters.find("kafscale.consumer.lag.failures").counter().count())
                    .isEqualTo(1.0));
    assertThat(groupLag("g1")).contains(2.0);

    // When: the store is back
    storeDown = false;
    hws.put(new PartitionRef("orders", 0), 30L);
    ctx.scheduler.advance(INTERVAL);

    // Then
    await().untilAsserted(() -> assertThat(groupLag("g1")).contains(20.0));
  }

  @Test
  void shouldRemoveTheSeriesWhenClosed() {
    // Given
    commit("g1", "orders", 0, 10);
    hws.put(new PartitionRef("orders", 0), 12L);
    reporter(false, 10).refresh().join();

    // When
    reporter.close();

    // Then
    assertThat(groupLag("g1")).isEmpty();
  }
}
