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
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.PendingTxnOffsets;
import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.registry.TxnOffsetRegistry.PendingKey;
import io.kafscale.metadata.store.MetadataStore;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every store must do for {@link StoreTxnOffsetRegistry}: round trip, list, delete, and
 * fencing by the coordinator partition's owner key. Subclasses give the store.
 */
abstract class TxnOffsetRegistryContract {
  static final String COORDINATORS = "__consumer_offsets";

  final KeyLayout keys = KeyLayout.defaults();
  MetadataStore store;
  Metadata metadata;
  StoreTxnOffsetRegistry registry;
  CoordinatorFence fence;

  /** Opens the registry over {@code store}, owning coordinator partition 0 as broker 1. */
  void open(MetadataStore store, Clock clock) {
    this.store = store;
    metadata = StoreMetadata.open(store, keys, clock);
    registry = new StoreTxnOffsetRegistry(store, keys);
    join(metadata.topics().create(COORDINATORS, 2, Map.of()));
    BrokerSession coordinator = session(store, 1);
    int epoch = join(metadata.partitions().claim(COORDINATORS, 0, coordinator)).leaderEpoch();
    fence = new CoordinatorFence(COORDINATORS, 0, coordinator, epoch);
  }

  @AfterEach
  void closeMetadata() {
    if (metadata != null) {
      metadata.close();
    }
  }

  static PendingTxnOffsets pending(long producerId, long offset) {
    return new PendingTxnOffsets(
        producerId,
        (short) 3,
        Map.of(
            new PartitionRef("orders", 0), new CommittedOffsetRecord(offset, 2, "m", 1_000),
            new PartitionRef("payments", 5), new CommittedOffsetRecord(offset + 1, -1, "", 1_001)));
  }

  @Test
  void shouldLoadWhatWasSavedPerProducerAndListIt() {
    // Given
    join(registry.save(fence, "app/one", pending(7, 10)));
    join(registry.save(fence, "app/one", pending(8, 20)));
    join(registry.save(fence, "app", pending(7, 30)));
    // When
    Map<Long, PendingTxnOffsets> loaded = join(registry.load("app/one"));
    // Then
    assertThat(loaded)
        .containsExactly(Map.entry(7L, pending(7, 10)), Map.entry(8L, pending(8, 20)));
    assertThat(join(registry.load("app"))).containsOnlyKeys(7L);
    assertThat(join(registry.listPending()))
        .containsExactlyInAnyOrder(
            new PendingKey("app/one", 7), new PendingKey("app/one", 8), new PendingKey("app", 7));
  }

  @Test
  void shouldDeleteOneProducersPendingOffsetsAndAcceptDeletingNothing() {
    // Given
    join(registry.save(fence, "g", pending(7, 10)));
    join(registry.save(fence, "g", pending(8, 20)));
    // When
    join(registry.delete(fence, "g", 7));
    join(registry.delete(fence, "g", 7));
    // Then
    assertThat(join(registry.load("g"))).containsOnlyKeys(8L);
  }

  @Test
  void shouldRefuseWritesOfACoordinatorThatLostThePartition() {
    // Given another broker claims the partition
    join(registry.save(fence, "g", pending(7, 10)));
    join(metadata.partitions().release(COORDINATORS, 0, fence.session(), fence.epoch()));
    BrokerSession successor = session(store, 2);
    int epoch = join(metadata.partitions().claim(COORDINATORS, 0, successor)).leaderEpoch();
    // When the old coordinator writes
    Throwable save = failureOf(registry.save(fence, "g", pending(7, 99)));
    Throwable delete = failureOf(registry.delete(fence, "g", 7));
    // Then both are refused and the successor can write
    assertThat(save).isInstanceOf(FencedEpochException.class);
    assertThat(delete).isInstanceOf(FencedEpochException.class);
    assertThat(join(registry.load("g"))).containsEntry(7L, pending(7, 10));
    join(registry.delete(new CoordinatorFence(COORDINATORS, 0, successor, epoch), "g", 7));
    assertThat(join(registry.load("g"))).isEmpty();
  }
}
