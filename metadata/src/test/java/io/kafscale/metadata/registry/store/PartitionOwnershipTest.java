/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static io.kafscale.metadata.registry.store.RegistryFixture.failureOf;
import static io.kafscale.metadata.registry.store.RegistryFixture.join;
import static io.kafscale.metadata.registry.store.RegistryFixture.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.StoreMetadata;
import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.AssignmentRecord;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.OwnerRecord;
import io.kafscale.metadata.model.PartitionRecord;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.registry.OwnedElsewhereException;
import io.kafscale.metadata.store.LeaseNotFoundException;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lease-bound partition ownership of {@link StorePartitionRegistry} over the in-memory store. */
class PartitionOwnershipTest {
  private final ManualClock clock = new ManualClock();
  private final InMemoryMetadataStore store = new InMemoryMetadataStore(clock);
  private final KeyLayout keys = KeyLayout.defaults();
  private final Metadata metadata = StoreMetadata.open(store, keys, clock);
  private final StorePartitionRegistry brokerOne = new StorePartitionRegistry(store, keys);
  private final StorePartitionRegistry brokerTwo = new StorePartitionRegistry(store, keys);

  @BeforeEach
  void createTopic() {
    join(metadata.topics().create("orders", 2, Map.of()));
  }

  @AfterEach
  void close() {
    metadata.close();
  }

  private static SegmentRecord segment(long base, long last, int epoch) {
    return SegmentRecord.flushed(
        "obj-" + base, "idx-" + base, 0, 100, base, last, 1000 + base, epoch, 0xCAFE, 5000);
  }

  private Optional<OwnerRecord> owner(int p) {
    store.expireLeases();
    return join(store.get(keys.owner("orders", p))).map(kv -> ProtoCodec.decodeOwner(kv.value()));
  }

  @Test
  void shouldWriteTheOwnerKeyUnderTheClaimersLease() {
    // Given
    BrokerSession one = session(store, 1);
    // When
    PartitionRecord claimed = join(brokerOne.claim("orders", 0, one));
    // Then
    assertThat(claimed.leaderEpoch()).isEqualTo(1);
    assertThat(claimed.ownerBrokerId()).isEqualTo(1);
    assertThat(owner(0)).contains(one.owner(1));
    join(store.revokeLease(one.leaseId()));
    assertThat(owner(0)).isEmpty();
  }

  @Test
  void shouldRejectAClaimByAnotherBrokerWhileOwned() {
    // Given
    BrokerSession one = session(store, 1);
    join(brokerOne.claim("orders", 0, one));
    BrokerSession two = session(store, 2);
    long revisionBefore = join(store.currentRevision());
    // When
    Throwable failure = failureOf(brokerTwo.claim("orders", 0, two));
    // Then
    assertThat(failure).isInstanceOf(OwnedElsewhereException.class);
    assertThat(((OwnedElsewhereException) failure).ownerBrokerId()).isEqualTo(1);
    assertThat(join(store.currentRevision())).isEqualTo(revisionBefore);
    assertThat(owner(0)).contains(one.owner(1));
  }

  @Test
  void shouldLetAnotherBrokerClaimAfterTheOwnersLeaseExpired() {
    // Given
    join(brokerOne.claim("orders", 0, session(store, 1)));
    // When
    clock.advance(RegistryFixture.LEASE_TTL);
    BrokerSession two = session(store, 2);
    PartitionRecord claimed = join(brokerTwo.claim("orders", 0, two));
    // Then
    assertThat(claimed.leaderEpoch()).isEqualTo(2);
    assertThat(claimed.ownerBrokerId()).isEqualTo(2);
    assertThat(owner(0)).contains(two.owner(2));
  }

  @Test
  void shouldLetAnotherBrokerClaimAfterTheOwnersLeaseWasRevoked() {
    // Given
    BrokerSession one = session(store, 1);
    join(brokerOne.claim("orders", 0, one));
    // When
    join(store.revokeLease(one.leaseId()));
    PartitionRecord claimed = join(brokerTwo.claim("orders", 0, session(store, 2)));
    // Then
    assertThat(claimed.leaderEpoch()).isEqualTo(2);
  }

  @Test
  void shouldLetANewIncarnationOfTheSameBrokerIdTakeOverItsPartition() {
    // Given an owner that restarted before its old lease expired
    BrokerSession old = session(store, 1, "old");
    join(brokerOne.claim("orders", 0, old));
    BrokerSession restarted = session(store, 1, "new");
    StorePartitionRegistry afterRestart = new StorePartitionRegistry(store, keys);
    // When
    PartitionRecord claimed = join(afterRestart.claim("orders", 0, restarted));
    // Then the owner key moved to the new lease: the old lease's expiry leaves it alone
    assertThat(claimed.leaderEpoch()).isEqualTo(2);
    join(store.revokeLease(old.leaseId()));
    assertThat(owner(0)).contains(restarted.owner(2));
    // And the old incarnation's commits are fenced
    assertThat(failureOf(brokerOne.commitSegment("orders", 0, 1, segment(0, 9, 1), List.of())))
        .isInstanceOf(FencedEpochException.class);
    join(afterRestart.commitSegment("orders", 0, 2, segment(0, 9, 2), List.of()));
  }

  @Test
  void shouldRaiseTheEpochWhenClaimedAgainAfterRelease() {
    // Given
    BrokerSession one = session(store, 1);
    int epoch = join(brokerOne.claim("orders", 0, one)).leaderEpoch();
    // When
    join(brokerOne.release("orders", 0, one, epoch));
    // Then
    assertThat(owner(0)).isEmpty();
    assertThat(join(brokerTwo.claim("orders", 0, session(store, 2))).leaderEpoch())
        .isEqualTo(epoch + 1);
  }

  @Test
  void shouldNotReleaseASuccessorsOwnership() {
    // Given broker 1 lost its lease and broker 2 took over
    BrokerSession one = session(store, 1);
    int oldEpoch = join(brokerOne.claim("orders", 0, one)).leaderEpoch();
    join(store.revokeLease(one.leaseId()));
    BrokerSession two = session(store, 2);
    join(brokerTwo.claim("orders", 0, two));
    // When the stale owner releases
    join(brokerOne.release("orders", 0, one, oldEpoch));
    // Then
    assertThat(owner(0)).contains(two.owner(oldEpoch + 1));
  }

  @Test
  void shouldFenceACommitAfterTheOwnerKeyVanished() {
    // Given
    BrokerSession one = session(store, 1);
    int epoch = join(brokerOne.claim("orders", 0, one)).leaderEpoch();
    join(brokerOne.commitSegment("orders", 0, epoch, segment(0, 9, epoch), List.of()));
    // When the lease is revoked and nobody claimed since (the epoch is still ours)
    join(store.revokeLease(one.leaseId()));
    long revisionBefore = join(store.currentRevision());
    Throwable failure =
        failureOf(brokerOne.commitSegment("orders", 0, epoch, segment(10, 19, epoch), List.of()));
    // Then
    assertThat(failure).isInstanceOf(FencedEpochException.class);
    assertThat(join(store.currentRevision())).isEqualTo(revisionBefore);
    assertThat(join(store.get(keys.segment("orders", 0, 10)))).isEmpty();
  }

  @Test
  void shouldFenceACommitWithoutACachedClaimWhenTheOwnerKeyVanished() {
    // Given
    BrokerSession one = session(store, 1);
    int epoch = join(brokerOne.claim("orders", 0, one)).leaderEpoch();
    join(store.revokeLease(one.leaseId()));
    // When a registry that did not make the claim commits under its epoch
    StorePartitionRegistry sibling = new StorePartitionRegistry(store, keys);
    Throwable failure =
        failureOf(sibling.commitSegment("orders", 0, epoch, segment(0, 9, epoch), List.of()));
    // Then
    assertThat(failure).isInstanceOf(FencedEpochException.class);
  }

  @Test
  void shouldFenceACommitAfterATakeOver() {
    // Given
    BrokerSession one = session(store, 1);
    int oldEpoch = join(brokerOne.claim("orders", 0, one)).leaderEpoch();
    clock.advance(RegistryFixture.LEASE_TTL);
    BrokerSession two = session(store, 2);
    int newEpoch = join(brokerTwo.claim("orders", 0, two)).leaderEpoch();
    // When
    Throwable failure =
        failureOf(
            brokerOne.commitSegment("orders", 0, oldEpoch, segment(0, 9, oldEpoch), List.of()));
    // Then
    assertThat(failure).isInstanceOf(FencedEpochException.class);
    join(brokerTwo.commitSegment("orders", 0, newEpoch, segment(0, 4, newEpoch), List.of()));
    assertThat(join(brokerTwo.claim("orders", 0, two)).highWatermark()).isEqualTo(5);
  }

  @Test
  void shouldFailAClaimUnderAnUnknownLeaseAndWriteNothing() {
    // Given
    BrokerSession one = session(store, 1);
    join(store.revokeLease(one.leaseId()));
    long revisionBefore = join(store.currentRevision());
    // When
    Throwable failure = failureOf(brokerOne.claim("orders", 0, one));
    // Then
    assertThat(failure).isInstanceOf(LeaseNotFoundException.class);
    assertThat(join(store.currentRevision())).isEqualTo(revisionBefore);
  }

  @Test
  void shouldDeleteOwnerKeysAndAssignmentWithTheTopic() {
    // Given
    BrokerSession one = session(store, 1);
    int epoch = join(brokerOne.claim("orders", 0, one)).leaderEpoch();
    join(brokerOne.claim("orders", 1, one));
    join(metadata.topics().create("orders2", 1, Map.of()));
    join(brokerOne.claim("orders2", 0, one));
    join(
        store.txn(
            Txn.builder()
                .then(
                    Op.put(
                        keys.assignment("orders"),
                        ProtoCodec.encodeAssignment(new AssignmentRecord(List.of(1, 1)))))
                .build()));
    // When
    join(metadata.topics().delete("orders"));
    // Then
    assertThat(join(store.getPrefix(keys.ownersPrefix("orders")))).isEmpty();
    assertThat(join(store.get(keys.assignment("orders")))).isEmpty();
    assertThat(join(store.getPrefix(keys.ownersPrefix("orders2")))).hasSize(1);
    assertThat(
            failureOf(brokerOne.commitSegment("orders", 0, epoch, segment(0, 9, epoch), List.of())))
        .isInstanceOf(FencedEpochException.class);
  }
}
