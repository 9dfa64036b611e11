/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static io.kafscale.metadata.registry.store.RegistryFixture.failureOf;
import static io.kafscale.metadata.registry.store.RegistryFixture.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.store.LeaseNotFoundException;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Broker registration and id allocation of {@link StoreBrokerRegistry}. */
class StoreBrokerRegistryTest {
  private final ManualClock clock = new ManualClock();
  private final InMemoryMetadataStore store = new InMemoryMetadataStore(clock);
  private final KeyLayout keys = KeyLayout.defaults();
  private final StoreBrokerRegistry registry = new StoreBrokerRegistry(store, keys);

  @AfterEach
  void close() {
    store.close();
  }

  private static BrokerRecord broker(int id, String incarnation) {
    return new BrokerRecord(
        id, "host-" + incarnation, 9092, Optional.empty(), 1, false, incarnation);
  }

  private long lease() {
    return join(store.grantLease(RegistryFixture.LEASE_TTL));
  }

  private Optional<BrokerRecord> stored(int id) {
    store.expireLeases();
    return join(store.get(keys.broker(id))).map(kv -> ProtoCodec.decodeBroker(kv.value()));
  }

  @Test
  void shouldAllocateTheLowestFreeIds() {
    // Given ids 0 and 2 taken
    join(registry.register(broker(0, "a"), lease(), -1));
    join(registry.register(broker(2, "b"), lease(), -1));
    // When
    BrokerRecord third = join(registry.register(broker(-1, "c"), lease(), -1));
    BrokerRecord fourth = join(registry.register(broker(-1, "d"), lease(), -1));
    // Then
    assertThat(third.brokerId()).isEqualTo(1);
    assertThat(fourth.brokerId()).isEqualTo(3);
    assertThat(stored(1)).contains(third);
    assertThat(third.incarnation()).isEqualTo("c");
  }

  @Test
  void shouldGiveConcurrentRegistrationsDistinctIds() throws Exception {
    // Given
    int brokers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(brokers);
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<BrokerRecord>> registered = new ArrayList<>();
    try {
      for (int i = 0; i < brokers; i++) {
        String inc = "i" + i;
        long lease = lease();
        registered.add(
            CompletableFuture.supplyAsync(
                () -> {
                  awaitLatch(go);
                  return join(registry.register(broker(-1, inc), lease, -1));
                },
                pool));
      }
      // When
      go.countDown();
      // Then
      List<Integer> ids = registered.stream().map(f -> join(f).brokerId()).toList();
      assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
      assertThat(join(store.getPrefix(keys.brokersPrefix()))).hasSize(brokers);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void shouldPreferTheGivenIdWhenFree() {
    // Given
    join(registry.register(broker(-1, "a"), lease(), -1));
    // When
    BrokerRecord preferred = join(registry.register(broker(-1, "b"), lease(), 5));
    BrokerRecord taken = join(registry.register(broker(-1, "c"), lease(), 0));
    // Then
    assertThat(preferred.brokerId()).isEqualTo(5);
    assertThat(taken.brokerId()).isEqualTo(1);
  }

  @Test
  void shouldLetAFixedIdTakeOverAnOldIncarnation() {
    // Given an old incarnation whose lease is still alive
    long oldLease = lease();
    join(registry.register(broker(3, "old"), oldLease, -1));
    // When
    long newLease = lease();
    BrokerRecord registered = join(registry.register(broker(3, "new"), newLease, -1));
    // Then the key is the new incarnation's, attached to the new lease
    assertThat(registered).isEqualTo(broker(3, "new"));
    join(store.revokeLease(oldLease));
    assertThat(stored(3)).contains(broker(3, "new"));
    join(store.revokeLease(newLease));
    assertThat(stored(3)).isEmpty();
  }

  @Test
  void shouldFreeTheIdWhenTheLeaseExpires() {
    // Given
    join(registry.register(broker(-1, "a"), lease(), -1));
    // When
    clock.advance(RegistryFixture.LEASE_TTL);
    BrokerRecord next = join(registry.register(broker(-1, "b"), lease(), -1));
    // Then
    assertThat(next.brokerId()).isZero();
  }

  @Test
  void shouldUpdateOnlyTheSameIncarnation() {
    // Given
    long lease = lease();
    BrokerRecord old = join(registry.register(broker(-1, "old"), lease, -1));
    BrokerRecord current = join(registry.register(broker(old.brokerId(), "new"), lease(), -1));
    // When
    boolean staleUpdated = join(registry.update(old.asDraining(), lease));
    boolean updated = join(registry.update(current.asDraining(), lease));
    // Then
    assertThat(staleUpdated).isFalse();
    assertThat(updated).isTrue();
    assertThat(stored(current.brokerId()).orElseThrow().draining()).isTrue();
    assertThat(join(registry.update(broker(9, "nobody"), lease))).isFalse();
  }

  @Test
  void shouldDeregisterOnlyTheSameIncarnation() {
    // Given
    BrokerRecord old = broker(1, "old");
    BrokerRecord current = broker(1, "new");
    join(registry.register(current, lease(), -1));
    // When
    join(registry.deregister(old));
    // Then
    assertThat(stored(1)).contains(current);
    // When
    join(registry.deregister(current));
    // Then
    assertThat(stored(1)).isEmpty();
  }

  @Test
  void shouldFailRegistrationUnderAnUnknownLease() {
    // Given
    long lease = lease();
    join(store.revokeLease(lease));
    // When / Then
    assertThat(failureOf(registry.register(broker(-1, "a"), lease, -1)))
        .isInstanceOf(LeaseNotFoundException.class);
    assertThat(failureOf(registry.register(broker(4, "a"), lease, -1)))
        .isInstanceOf(LeaseNotFoundException.class);
    assertThat(join(store.getPrefix(keys.brokersPrefix()))).isEmpty();
  }

  @Test
  void shouldChooseThePreferredIdElseTheLowestFree() {
    assertThat(StoreBrokerRegistry.chooseId(Set.of(), -1)).isZero();
    assertThat(StoreBrokerRegistry.chooseId(Set.of(0, 1, 3), -1)).isEqualTo(2);
    assertThat(StoreBrokerRegistry.chooseId(Set.of(0, 1, 3), 7)).isEqualTo(7);
    assertThat(StoreBrokerRegistry.chooseId(Set.of(0, 1, 3), 3)).isEqualTo(2);
  }
}
