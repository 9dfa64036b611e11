/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.ManualScheduler;
import io.kafscale.broker.metrics.BrokerMeters;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.storage.log.CompactionRequest;
import io.kafscale.storage.log.CompactionResult;
import io.kafscale.storage.log.PartitionId;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.log.SegmentRef;
import io.kafscale.storage.objectstore.ObjectInfo;
import io.kafscale.storage.objectstore.memory.InMemoryObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The compaction sweep over fake logs: which logs are asked, what is counted, when replaced objects
 * leave the store, and that sweeps never overlap.
 */
class CompactionSweeperTest {
  private static final CompactionRequest REQUEST =
      new CompactionRequest(0.5, 0, Long.MAX_VALUE, 86_400_000, 1 << 20);
  private static final Duration DELAY = Duration.ofSeconds(60);

  private final ManualClock clock = new ManualClock();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final InMemoryObjectStore objects = new InMemoryObjectStore();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<CompactionSweeper.Target> targets = new ArrayList<>();
  private final CompactionSweeper sweeper =
      new CompactionSweeper(() -> List.copyOf(targets), objects, scheduler, meters);

  @AfterEach
  void close() {
    sweeper.close();
  }

  /** A log answering compact() from {@code results}; the rest of the port is not used here. */
  private static final class FakeLog {
    final AtomicInteger calls = new AtomicInteger();
    final List<CompactionRequest> requests = new ArrayList<>();
    volatile boolean open = true;
    final PartitionLog log;

    FakeLog(String topic, Supplier<CompletableFuture<CompactionResult>> results) {
      // A proxy rather than a class: the sweeper uses three methods of a port that keeps growing.
      log =
          (PartitionLog)
              Proxy.newProxyInstance(
                  PartitionLog.class.getClassLoader(),
                  new Class<?>[] {PartitionLog.class},
                  (proxy, method, args) ->
                      switch (method.getName()) {
                        case "id" -> new PartitionId(topic, 0);
                        case "isOpen" -> open;
                        case "compact" -> {
                          calls.incrementAndGet();
                          requests.add((CompactionRequest) args[0]);
                          yield results.get();
                        }
                        case "toString" -> "FakeLog[" + topic + "]";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                      });
    }
  }

  private FakeLog addLog(String topic, Supplier<CompletableFuture<CompactionResult>> results) {
    FakeLog fake = new FakeLog(topic, results);
    targets.add(new CompactionSweeper.Target(fake.log, REQUEST, DELAY));
    return fake;
  }

  private static SegmentRef segment(String key, String index, long base, long last, int length) {
    return new SegmentRef(
        key,
        index,
        0,
        length,
        base,
        last,
        0,
        1,
        0,
        0,
        !key.startsWith("old"),
        List.of(),
        List.of());
  }

  private void store(String... keys) {
    for (String key : keys) {
      objects.put(key, ByteBuffer.wrap(new byte[] {1, 2, 3})).join();
    }
  }

  private List<String> storedKeys() {
    return objects.list("").join().stream().map(ObjectInfo::key).sorted().toList();
  }

  private double counter(BrokerMeters meter) {
    return meters.counter(meter.meterName()).count();
  }

  private static CompactionResult swapTwoForOne() {
    return new CompactionResult(
        List.of(segment("old-0", "old-0.idx", 0, 9, 1000), segment("old-10", null, 10, 19, 500)),
        List.of(segment("new-0", null, 0, 19, 300)),
        20,
        4);
  }

  @Test
  void shouldCountASwapAndDeleteReplacedObjectsOnlyAfterTheDelay() {
    // Given
    store("old-0", "old-0.idx", "old-10", "new-0");
    addLog("orders", () -> CompletableFuture.completedFuture(swapTwoForOne()));
    // When
    CompactionSweeper.Sweep sweep = sweeper.sweep().join();
    // Then counted at once, objects still there for readers
    assertThat(sweep).isEqualTo(new CompactionSweeper.Sweep(1, 1, 2, 1500, 300, 0));
    assertThat(counter(BrokerMeters.COMPACTION_RUNS)).isEqualTo(1);
    assertThat(counter(BrokerMeters.COMPACTION_SEGMENTS_REPLACED)).isEqualTo(2);
    assertThat(counter(BrokerMeters.COMPACTION_BYTES_BEFORE)).isEqualTo(1500);
    assertThat(counter(BrokerMeters.COMPACTION_BYTES_AFTER)).isEqualTo(300);
    assertThat(storedKeys()).hasSize(4);
    // When the delay has nearly passed, then fully
    scheduler.advance(DELAY.minusMillis(1));
    List<String> beforeDelay = storedKeys();
    scheduler.advance(Duration.ofMillis(1));
    // Then
    assertThat(beforeDelay).hasSize(4);
    assertThat(storedKeys()).containsExactly("new-0");
  }

  @Test
  void shouldNotCountOrDeleteAnythingWhenNothingWasDue() {
    // Given
    store("new-0");
    addLog("orders", () -> CompletableFuture.completedFuture(CompactionResult.none()));
    // When
    CompactionSweeper.Sweep sweep = sweeper.sweep().join();
    // Then
    assertThat(sweep).isEqualTo(new CompactionSweeper.Sweep(1, 0, 0, 0, 0, 0));
    assertThat(counter(BrokerMeters.COMPACTION_RUNS)).isZero();
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void shouldCountAFailureAndGoOnWithTheNextPartition() {
    // Given
    FakeLog failing =
        addLog("broken", () -> CompletableFuture.failedFuture(new IllegalStateException("boom")));
    FakeLog fine = addLog("orders", () -> CompletableFuture.completedFuture(swapTwoForOne()));
    // When
    CompactionSweeper.Sweep sweep = sweeper.sweep().join();
    // Then
    assertThat(sweep.failures()).isEqualTo(1);
    assertThat(sweep.compacted()).isEqualTo(1);
    assertThat(failing.calls).hasValue(1);
    assertThat(fine.calls).hasValue(1);
    assertThat(counter(BrokerMeters.COMPACTION_FAILURES)).isEqualTo(1);
  }

  @Test
  void shouldCountAFailureWhenALogCannotCompact() {
    // Given a log answering with the port's default refusal, thrown rather than returned
    addLog(
        "legacy",
        () -> {
          throw new UnsupportedOperationException("cannot compact");
        });
    // When
    CompactionSweeper.Sweep sweep = sweeper.sweep().join();
    // Then
    assertThat(sweep.failures()).isEqualTo(1);
    assertThat(counter(BrokerMeters.COMPACTION_FAILURES)).isEqualTo(1);
  }

  @Test
  void shouldCompactPartitionsOneAfterAnotherAndNeverOverlapSweeps() {
    // Given a first compaction that is still running
    CompletableFuture<CompactionResult> first = new CompletableFuture<>();
    FakeLog slow = addLog("slow", () -> first);
    FakeLog next = addLog("next", () -> CompletableFuture.completedFuture(CompactionResult.none()));
    CompletableFuture<CompactionSweeper.Sweep> running = sweeper.sweep();
    // When another sweep is asked for meanwhile
    CompactionSweeper.Sweep overlapping = sweeper.sweep().join();
    // Then it does nothing, and the second partition waits for the first
    assertThat(overlapping.partitions()).isZero();
    assertThat(slow.calls).hasValue(1);
    assertThat(next.calls).hasValue(0);
    // When the first compaction finishes
    first.complete(CompactionResult.none());
    // Then
    assertThat(running.join().partitions()).isEqualTo(2);
    assertThat(next.calls).hasValue(1);
  }

  @Test
  void shouldSkipLogsThatClosedSinceTheListWasTaken() {
    // Given
    FakeLog closed =
        addLog("moved", () -> CompletableFuture.completedFuture(CompactionResult.none()));
    closed.open = false;
    // When
    CompactionSweeper.Sweep sweep = sweeper.sweep().join();
    // Then
    assertThat(closed.calls).hasValue(0);
    assertThat(sweep.partitions()).isZero();
  }

  @Test
  void shouldSweepEveryIntervalUntilClosed() {
    // Given
    FakeLog log =
        addLog("orders", () -> CompletableFuture.completedFuture(CompactionResult.none()));
    sweeper.start(Duration.ofSeconds(30));
    // When
    scheduler.advance(Duration.ofSeconds(29));
    int early = log.calls.get();
    scheduler.advance(Duration.ofSeconds(1));
    scheduler.advance(Duration.ofSeconds(30));
    // Then
    assertThat(early).isZero();
    assertThat(log.calls).hasValue(2);
    assertThat(log.requests).containsOnly(REQUEST);
    // When
    sweeper.close();
    scheduler.advance(Duration.ofSeconds(60));
    // Then
    assertThat(log.calls).hasValue(2);
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void shouldRegisterEveryCompactionMeterBeforeTheFirstRun() {
    assertThat(meters.find(BrokerMeters.COMPACTION_RUNS.meterName()).counter()).isNotNull();
    assertThat(meters.find(BrokerMeters.COMPACTION_FAILURES.meterName()).counter()).isNotNull();
    assertThat(meters.find(BrokerMeters.COMPACTION_BYTES_AFTER.meterName()).counter()).isNotNull();
  }

  @Test
  void shouldBuildTheRequestFromTopicConfigsOnlyForCompactedTopics() {
    assertThat(CompactionSweeper.requestOf(Map.of())).isEmpty();
    assertThat(CompactionSweeper.requestOf(Map.of("cleanup.policy", "delete"))).isEmpty();
    assertThat(CompactionSweeper.requestOf(Map.of("cleanup.policy", "compact")))
        .contains(
            new CompactionRequest(
                0.5, 0, Long.MAX_VALUE, 86_400_000, CompactionSweeper.MAX_COMPACTED_SEGMENT_BYTES));
    assertThat(
            CompactionSweeper.requestOf(
                Map.of(
                    "cleanup.policy", "delete, compact",
                    "min.cleanable.dirty.ratio", "0.01",
                    "min.compaction.lag.ms", "5",
                    "max.compaction.lag.ms", "60000",
                    "delete.retention.ms", "100",
                    "segment.bytes", "16384")))
        .isEqualTo(Optional.of(new CompactionRequest(0.01, 5, 60_000, 100, 16_384)));
  }

  @Test
  void shouldDelayDeletionsByFileDeleteDelay() {
    assertThat(CompactionSweeper.deleteDelayOf(Map.of())).isEqualTo(Duration.ofSeconds(60));
    assertThat(CompactionSweeper.deleteDelayOf(Map.of("file.delete.delay.ms", "250")))
        .isEqualTo(Duration.ofMillis(250));
  }
}
