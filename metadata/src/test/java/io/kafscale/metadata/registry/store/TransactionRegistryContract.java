/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static io.kafscale.metadata.registry.store.RegistryFixture.failureOf;
import static io.kafscale.metadata.registry.store.RegistryFixture.join;
import static io.kafscale.metadata.registry.store.RegistryFixture.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.CoordinatorFence;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.TransactionRecord;
import io.kafscale.metadata.model.TransactionRecord.Status;
import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.store.MetadataStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link StoreTransactionRegistry} contract, run against each metadata store by a subclass:
 * load, list, fenced save and delete of transaction coordinator state.
 */
abstract class TransactionRegistryContract {
  static final String TXN_TOPIC = "__transaction_state";

  protected final KeyLayout keys = KeyLayout.defaults();
  private StoreTransactionRegistry registry;
  private BrokerSession coordinator;
  private CoordinatorFence fence;

  /** A fresh, empty store. */
  protected abstract MetadataStore store();

  /** Metadata over {@link #store()}. */
  protected abstract Metadata metadata();

  @BeforeEach
  void claimCoordinatorPartition() {
    registry = new StoreTransactionRegistry(store(), keys);
    join(metadata().topics().create(TXN_TOPIC, 3, Map.of()));
    coordinator = session(store(), 1);
    int epoch = join(metadata().partitions().claim(TXN_TOPIC, 2, coordinator)).leaderEpoch();
    fence = new CoordinatorFence(TXN_TOPIC, 2, coordinator, epoch);
  }

  static TransactionRecord txn(String id, Status state, PartitionRef... partitions) {
    return new TransactionRecord(
        id,
        4_000L,
        3_999L,
        (short) 7,
        (short) -1,
        60_000,
        state,
        new TreeSet<>(Set.of(partitions)),
        1_000L,
        2_000L,
        5);
  }

  @Test
  void shouldLoadWhatWasSavedWithEveryField() {
    // Given
    TransactionRecord ongoing =
        txn(
            "app/tx-1",
            Status.ONGOING,
            new PartitionRef("orders", 3),
            new PartitionRef("orders", 0),
            new PartitionRef("__consumer_offsets", 17));
    // When
    join(registry.save(fence, ongoing));
    // Then
    assertThat(join(registry.load("app/tx-1"))).contains(ongoing);
    assertThat(join(registry.load("unknown"))).isEmpty();
  }

  @Test
  void shouldOverwriteOnSaveAndListEveryIdSortedById() {
    // Given
    join(registry.save(fence, txn("b", Status.ONGOING, new PartitionRef("t", 0))));
    join(registry.save(fence, txn("a%ü", Status.EMPTY)));
    join(registry.save(fence, txn("a", Status.EMPTY)));
    // When
    join(registry.save(fence, txn("b", Status.PREPARE_COMMIT, new PartitionRef("t", 0))));
    // Then
    List<TransactionRecord> all = join(registry.listAll());
    assertThat(all).extracting(TransactionRecord::transactionalId).containsExactly("a", "a%ü", "b");
    assertThat(all.get(2).state()).isEqualTo(Status.PREPARE_COMMIT);
  }

  @Test
  void shouldDeleteARecordAndIgnoreAMissingOne() {
    // Given
    join(registry.save(fence, txn("gone", Status.COMPLETE_ABORT)));
    // When
    join(registry.delete(fence, "gone"));
    join(registry.delete(fence, "never-there"));
    // Then
    assertThat(join(registry.load("gone"))).isEmpty();
    assertThat(join(registry.listAll())).isEmpty();
  }

  @Test
  void shouldRefuseWritesOfACoordinatorThatLostItsPartitionAndAcceptItsSuccessor() {
    // Given a saved state and a coordinator whose lease is revoked
    join(registry.save(fence, txn("t", Status.ONGOING, new PartitionRef("orders", 1))));
    join(store().revokeLease(coordinator.leaseId()));
    // When the old coordinator writes
    Throwable saveFailure = failureOf(registry.save(fence, txn("t", Status.PREPARE_ABORT)));
    Throwable deleteFailure = failureOf(registry.delete(fence, "t"));
    // Then nothing changed
    assertThat(saveFailure).isInstanceOf(FencedEpochException.class);
    assertThat(deleteFailure).isInstanceOf(FencedEpochException.class);
    assertThat(join(registry.load("t")).orElseThrow().state()).isEqualTo(Status.ONGOING);
    // When a successor claims the partition
    BrokerSession successor = session(store(), 2);
    int epoch = join(metadata().partitions().claim(TXN_TOPIC, 2, successor)).leaderEpoch();
    CoordinatorFence newFence = new CoordinatorFence(TXN_TOPIC, 2, successor, epoch);
    join(registry.save(newFence, txn("t", Status.PREPARE_ABORT, new PartitionRef("orders", 1))));
    // Then its write lands and the old fence stays refused
    assertThat(join(registry.load("t")).orElseThrow().state()).isEqualTo(Status.PREPARE_ABORT);
    assertThat(failureOf(registry.save(fence, txn("t", Status.EMPTY))))
        .isInstanceOf(FencedEpochException.class);
  }

  @Test
  void shouldRefuseAnEmptyTransactionalId() {
    // When / Then
    assertThat(failureOf(registry.load(""))).isInstanceOf(IllegalArgumentException.class);
    assertThat(failureOf(registry.save(fence, txn("", Status.EMPTY))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
