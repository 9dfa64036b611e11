/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.MetadataStoreException;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import io.kafscale.metadata.testing.ForwardingMetadataStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link LeaseKeeper} over the in-memory store, on a manual clock and scheduler. */
class LeaseKeeperTest {
  private static final Duration TTL = Duration.ofSeconds(9);
  private static final Duration MARGIN = Duration.ofSeconds(1);

  private final ManualClock clock = new ManualClock();
  private final InMemoryMetadataStore memory = new InMemoryMetadataStore(clock);
  private final FlakyStore store = new FlakyStore(memory);
  private final ManualLeaseScheduler scheduler = new ManualLeaseScheduler(clock);
  private final AtomicInteger lost = new AtomicInteger();
  private final LeaseKeeper keeper =
      new LeaseKeeper(store, TTL, MARGIN, clock, lost::incrementAndGet, scheduler);

  @AfterEach
  void close() {
    keeper.close();
    memory.close();
  }

  /** Fails keep-alives with a transient error while {@link #failing} is set. */
  private static final class FlakyStore extends ForwardingMetadataStore {
    volatile boolean failing;
    final AtomicInteger keepAlives = new AtomicInteger();

    FlakyStore(InMemoryMetadataStore delegate) {
      super(delegate);
    }

    @Override
    public CompletableFuture<Void> keepAlive(long leaseId) {
      keepAlives.incrementAndGet();
      return failing
          ? CompletableFuture.failedFuture(new MetadataStoreException("etcd unreachable"))
          : delegate.keepAlive(leaseId);
    }
  }

  private boolean keyAlive(String key) {
    memory.expireLeases();
    return memory.get(key).join().isPresent();
  }

  private String putUnderLease(long leaseId) {
    String key = "/t/owned";
    memory
        .txn(Txn.builder().then(Op.put(key, "v".getBytes(StandardCharsets.UTF_8), leaseId)).build())
        .join();
    return key;
  }

  @Test
  void shouldStayValidAndKeepTheLeaseAliveUnderNormalKeepAlives() {
    // Given
    long leaseId = keeper.start().join();
    String key = putUnderLease(leaseId);
    // When far more than the TTL passes
    scheduler.advance(Duration.ofMinutes(2));
    // Then keep-alives went out every ttl / 3 and the lease lives on
    assertThat(keeper.isValid()).isTrue();
    assertThat(lost).hasValue(0);
    assertThat(store.keepAlives.get()).isEqualTo(40);
    assertThat(keyAlive(key)).isTrue();
    assertThat(keeper.leaseId()).isEqualTo(leaseId);
  }

  @Test
  void shouldDeclareTheLeaseLostOnceWhenKeepAlivesFailPastValidity() {
    // Given a lease whose last successful keep-alive was sent at t0
    keeper.start().join();
    scheduler.advance(Duration.ofSeconds(3)); // keep-alive at t0 = 3 s succeeds
    long t0 = clock.millis();
    store.failing = true;
    // When the keep-alives fail until just before t0 + ttl - margin
    scheduler.advance(Duration.ofMillis(TTL.minus(MARGIN).toMillis() - 1));
    // Then the keeper still trusts the lease and keeps trying
    assertThat(keeper.isValid()).isTrue();
    assertThat(lost).hasValue(0);
    int triesBefore = store.keepAlives.get();
    // When validity passes
    scheduler.advance(Duration.ofMillis(1));
    // Then
    assertThat(clock.millis()).isEqualTo(t0 + TTL.minus(MARGIN).toMillis());
    assertThat(keeper.isValid()).isFalse();
    assertThat(lost).hasValue(1);
    assertThat(triesBefore).isGreaterThan(2);
    // And it stays lost exactly once, with no more keep-alives, even when the store recovers
    store.failing = false;
    scheduler.advance(Duration.ofMinutes(1));
    assertThat(lost).hasValue(1);
    assertThat(keeper.isValid()).isFalse();
    assertThat(scheduler.isClosed()).isTrue();
  }

  @Test
  void shouldRecoverFromTransientKeepAliveFailuresWithinValidity() {
    // Given
    keeper.start().join();
    store.failing = true;
    scheduler.advance(Duration.ofSeconds(4)); // the keep-alive at 3 s fails; valid until 8 s
    assertThat(keeper.isValid()).isTrue();
    // When the store answers again before validity passes (at 6 s)
    store.failing = false;
    scheduler.advance(Duration.ofSeconds(30));
    // Then
    assertThat(keeper.isValid()).isTrue();
    assertThat(lost).hasValue(0);
  }

  @Test
  void shouldDeclareTheLeaseLostWhenTheStoreNoLongerKnowsIt() {
    // Given
    long leaseId = keeper.start().join();
    scheduler.advance(Duration.ofSeconds(1));
    // When someone revokes the lease
    memory.revokeLease(leaseId).join();
    scheduler.advance(Duration.ofSeconds(3)); // next keep-alive answers "not found"
    // Then lost long before validity would have passed
    assertThat(lost).hasValue(1);
    assertThat(keeper.isValid()).isFalse();
    scheduler.advance(Duration.ofMinutes(1));
    assertThat(lost).hasValue(1);
  }

  @Test
  void shouldRevokeTheLeaseWithoutCallingOnLost() {
    // Given
    long leaseId = keeper.start().join();
    String key = putUnderLease(leaseId);
    // When
    keeper.revoke().join();
    // Then
    assertThat(keyAlive(key)).isFalse();
    assertThat(keeper.isValid()).isFalse();
    assertThat(scheduler.isClosed()).isTrue();
    assertThat(lost).hasValue(0);
  }

  @Test
  void shouldStopKeepingAliveAfterCloseSoTheLeaseExpires() {
    // Given
    long leaseId = keeper.start().join();
    String key = putUnderLease(leaseId);
    // When
    keeper.close();
    keeper.close();
    clock.advance(TTL.plusMillis(1));
    // Then
    assertThat(keyAlive(key)).isFalse();
    assertThat(scheduler.isClosed()).isTrue();
    assertThat(lost).hasValue(0);
  }

  @Test
  void shouldRejectASafetyMarginOfAThirdOfTheTtlOrMore() {
    assertThatThrownBy(
            () -> new LeaseKeeper(store, TTL, Duration.ofSeconds(3), clock, () -> {}, scheduler))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectASecondStart() {
    // Given
    keeper.start().join();
    // When / Then
    assertThatThrownBy(keeper::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldCallOnLostOnItsOwnThreadWithTheRealScheduler() {
    // Given a keeper on its daemon thread and the system clock
    InMemoryMetadataStore real = new InMemoryMetadataStore(Clock.systemUTC());
    AtomicInteger realLost = new AtomicInteger();
    Thread[] lostOn = new Thread[1];
    try (LeaseKeeper k =
        new LeaseKeeper(
            real,
            Duration.ofMillis(300),
            Duration.ofMillis(50),
            Clock.systemUTC(),
            () -> {
              lostOn[0] = Thread.currentThread();
              realLost.incrementAndGet();
            })) {
      long leaseId = k.start().join();
      // When
      real.revokeLease(leaseId).join();
      // Then
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(realLost).hasValue(1));
      assertThat(lostOn[0].getName()).isEqualTo("kafscale-lease");
      assertThat(lostOn[0].isDaemon()).isTrue();
      assertThat(k.isValid()).isFalse();
    } finally {
      real.close();
    }
  }
}
