/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static io.kafscale.metadata.registry.store.RegistryFixture.failureOf;
import static io.kafscale.metadata.registry.store.RegistryFixture.join;
import static io.kafscale.metadata.registry.store.RegistryFixture.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.lease.LeaseKeeper;
import io.kafscale.metadata.model.AssignmentRecord;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.registry.OwnedElsewhereException;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.testing.EtcdMetadataExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lease-bound registries (ownership and fencing, broker ids, controller) and the lease keeper
 * against a real etcd process (one per class, emptied before each test): real lease semantics and
 * etcd's transaction limits.
 */
class RegistriesEtcdIT {
  @RegisterExtension static final EtcdMetadataExtension etcd = new EtcdMetadataExtension();

  private final KeyLayout keys = KeyLayout.defaults();
  private MetadataStore store;
  private Metadata metadata;

  @BeforeEach
  void connect() {
    store = etcd.store();
    metadata = etcd.metadata();
  }

  private static SegmentRecord segment(long base, long last, int epoch) {
    return SegmentRecord.flushed(
        "obj-" + base, "idx-" + base, 0, 100, base, last, 1000 + base, epoch, 0xCAFE, 5000);
  }

  @Test
  void shouldClaimFenceAndReleaseUnderRealLeases() {
    // Given
    join(metadata.topics().create("orders", 1, Map.of()));
    StorePartitionRegistry brokerOne = new StorePartitionRegistry(store, keys);
    StorePartitionRegistry brokerTwo = new StorePartitionRegistry(store, keys);
    BrokerSession one = session(store, 1);
    BrokerSession two = session(store, 2);
    int epoch = join(brokerOne.claim("orders", 0, one)).leaderEpoch();
    // When / Then: owned elsewhere while broker 1's lease lives
    assertThat(failureOf(brokerTwo.claim("orders", 0, two)))
        .isInstanceOf(OwnedElsewhereException.class);
    join(brokerOne.commitSegment("orders", 0, epoch, segment(0, 9, epoch), List.of()));
    // When broker 1's lease is revoked: its commits are fenced, broker 2 takes over
    join(store.revokeLease(one.leaseId()));
    assertThat(
            failureOf(
                brokerOne.commitSegment("orders", 0, epoch, segment(10, 19, epoch), List.of())))
        .isInstanceOf(FencedEpochException.class);
    var taken = join(brokerTwo.claim("orders", 0, two));
    assertThat(taken.leaderEpoch()).isEqualTo(epoch + 1);
    assertThat(taken.highWatermark()).isEqualTo(10);
    // When broker 2 releases, a new incarnation of broker 1 claims at the next epoch
    join(brokerTwo.release("orders", 0, two, taken.leaderEpoch()));
    assertThat(join(store.get(keys.owner("orders", 0)))).isEmpty();
    BrokerSession oneAgain = session(store, 1, "again");
    assertThat(join(brokerOne.claim("orders", 0, oneAgain)).leaderEpoch()).isEqualTo(epoch + 2);
    // Then the topic's deletion takes the owner key with it
    join(metadata.topics().delete("orders"));
    assertThat(join(store.getPrefix(keys.ownersPrefix("orders")))).isEmpty();
  }

  @Test
  void shouldAllocateDistinctBrokerIdsToConcurrentRegistrations() {
    // Given
    StoreBrokerRegistry registry = new StoreBrokerRegistry(store, keys);
    long lease = join(store.grantLease(RegistryFixture.LEASE_TTL));
    // When
    List<CompletableFuture<BrokerRecord>> all =
        IntStream.range(0, 6)
            .mapToObj(i -> registry.register(broker(-1, "i" + i), lease, -1))
            .toList();
    // Then
    assertThat(all.stream().map(f -> join(f).brokerId()))
        .containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    assertThat(join(registry.register(broker(-1, "p"), lease, 42)).brokerId()).isEqualTo(42);
    // And a fixed id takes over its old incarnation, which can then no longer deregister it
    long newLease = join(store.grantLease(RegistryFixture.LEASE_TTL));
    join(registry.register(broker(3, "new"), newLease, -1));
    join(registry.deregister(broker(3, "i3")));
    join(store.revokeLease(lease));
    assertThat(join(store.getPrefix(keys.brokersPrefix()))).hasSize(1);
    assertThat(join(registry.update(broker(3, "new").asDraining(), newLease))).isTrue();
  }

  private static BrokerRecord broker(int id, String incarnation) {
    return new BrokerRecord(id, "127.0.0.1", 9092, Optional.empty(), 1, false, incarnation);
  }

  @Test
  void shouldElectAControllerAndFenceItsWritesOnceDeposed() {
    // Given 150 topics (more than etcd's 128 ops per transaction)
    StoreControllerRegistry registry = new StoreControllerRegistry(store, keys);
    Map<String, AssignmentRecord> all = new TreeMap<>();
    for (int i = 0; i < 150; i++) {
      String topic = String.format("t%03d", i);
      join(metadata.topics().create(topic, 1, Map.of()));
      all.put(topic, new AssignmentRecord(List.of(i % 3)));
    }
    BrokerSession one = session(store, 1);
    BrokerSession two = session(store, 2);
    // When
    assertThat(join(registry.tryAcquire(one))).isTrue();
    assertThat(join(registry.tryAcquire(two))).isFalse();
    boolean written = join(registry.writeAssignments(one, all));
    // Then
    assertThat(written).isTrue();
    assertThat(join(store.getPrefix(keys.assignmentsPrefix()))).hasSize(150);
    // When broker 1 loses its lease and broker 2 takes over
    join(store.revokeLease(one.leaseId()));
    assertThat(join(registry.tryAcquire(two))).isTrue();
    // Then broker 1's writes are refused
    Map<String, AssignmentRecord> mine = Map.of("t000", new AssignmentRecord(List.of(1)));
    assertThat(join(registry.writeAssignments(one, mine))).isFalse();
    join(registry.resign(two));
    assertThat(join(store.get(keys.controller()))).isEmpty();
  }

  @Test
  void shouldDeclareAKeptLeaseLostWhenEtcdRevokesIt() {
    // Given
    AtomicInteger lost = new AtomicInteger();
    try (LeaseKeeper keeper =
        new LeaseKeeper(
            store,
            Duration.ofSeconds(3),
            Duration.ofMillis(500),
            Clock.systemUTC(),
            lost::incrementAndGet)) {
      long leaseId = join(keeper.start());
      // Then it stays valid beyond its TTL while kept alive
      await()
          .pollDelay(Duration.ofSeconds(4))
          .atMost(Duration.ofSeconds(6))
          .untilAsserted(() -> assertThat(keeper.isValid()).isTrue());
      // When
      join(store.revokeLease(leaseId));
      // Then
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lost).hasValue(1));
      assertThat(keeper.isValid()).isFalse();
    }
  }
}
