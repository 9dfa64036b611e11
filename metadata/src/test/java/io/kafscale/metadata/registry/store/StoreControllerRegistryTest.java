/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static io.kafscale.metadata.registry.store.RegistryFixture.join;
import static io.kafscale.metadata.registry.store.RegistryFixture.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.StoreMetadata;
import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.AssignmentRecord;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.ControllerRecord;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.TxnResult;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import io.kafscale.metadata.testing.ForwardingMetadataStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Controller election and assignment writes of {@link StoreControllerRegistry}. */
class StoreControllerRegistryTest {
  private final ManualClock clock = new ManualClock();
  private final InMemoryMetadataStore memory = new InMemoryMetadataStore(clock);
  private final RecordingStore store = new RecordingStore(memory);
  private final KeyLayout keys = KeyLayout.defaults();
  private final Metadata metadata = StoreMetadata.open(memory, keys, clock);
  private final StoreControllerRegistry registry = new StoreControllerRegistry(store, keys);

  @AfterEach
  void close() {
    metadata.close();
  }

  /** Records every transaction it forwards. */
  private static final class RecordingStore extends ForwardingMetadataStore {
    final List<Txn> txns = new CopyOnWriteArrayList<>();

    RecordingStore(InMemoryMetadataStore delegate) {
      super(delegate);
    }

    @Override
    public CompletableFuture<TxnResult> txn(Txn txn) {
      txns.add(txn);
      return delegate.txn(txn);
    }
  }

  private Optional<ControllerRecord> controller() {
    memory.expireLeases();
    return join(memory.get(keys.controller())).map(kv -> ProtoCodec.decodeController(kv.value()));
  }

  private Optional<AssignmentRecord> assignment(String topic) {
    return join(memory.get(keys.assignment(topic)))
        .map(kv -> ProtoCodec.decodeAssignment(kv.value()));
  }

  private static AssignmentRecord to(Integer... brokerIds) {
    return new AssignmentRecord(List.of(brokerIds));
  }

  @Test
  void shouldElectOneControllerAtATime() {
    // Given
    BrokerSession one = session(memory, 1);
    BrokerSession two = session(memory, 2);
    // When
    boolean first = join(registry.tryAcquire(one));
    boolean second = join(registry.tryAcquire(two));
    boolean again = join(registry.tryAcquire(one));
    // Then
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(again).isTrue();
    assertThat(controller()).contains(one.controller());
  }

  @Test
  void shouldLetAnotherBrokerAcquireAfterResignOrLeaseExpiry() {
    // Given
    BrokerSession one = session(memory, 1);
    BrokerSession two = session(memory, 2);
    join(registry.tryAcquire(one));
    // When a non-controller resigns, nothing changes
    join(registry.resign(two));
    assertThat(controller()).contains(one.controller());
    // When the controller resigns
    join(registry.resign(one));
    // Then
    assertThat(controller()).isEmpty();
    assertThat(join(registry.tryAcquire(two))).isTrue();
    // When the new controller's lease expires
    clock.advance(RegistryFixture.LEASE_TTL);
    BrokerSession three = session(memory, 3);
    // Then
    assertThat(join(registry.tryAcquire(three))).isTrue();
    assertThat(controller()).contains(three.controller());
  }

  @Test
  void shouldWriteAssignmentsOfExistingTopicsAndSkipDeletedOnes() {
    // Given
    BrokerSession one = session(memory, 1);
    join(registry.tryAcquire(one));
    join(metadata.topics().create("a", 2, Map.of()));
    join(metadata.topics().create("gone", 1, Map.of()));
    join(metadata.topics().delete("gone"));
    // When
    boolean written =
        join(
            registry.writeAssignments(
                one, Map.of("a", to(1, 2), "gone", to(1), "never", to(2), "bad/name", to(1))));
    // Then
    assertThat(written).isTrue();
    assertThat(assignment("a")).contains(to(1, 2));
    assertThat(assignment("gone")).isEmpty();
    assertThat(assignment("never")).isEmpty();
  }

  @Test
  void shouldReturnFalseAndWriteNothingWhenDeposed() {
    // Given broker 1 was controller, lost its lease, and broker 2 took over
    BrokerSession one = session(memory, 1);
    join(registry.tryAcquire(one));
    join(metadata.topics().create("a", 1, Map.of()));
    join(memory.revokeLease(one.leaseId()));
    BrokerSession two = session(memory, 2);
    join(registry.tryAcquire(two));
    join(registry.writeAssignments(two, Map.of("a", to(2))));
    // When the deposed controller writes
    boolean written = join(registry.writeAssignments(one, Map.of("a", to(1))));
    // Then
    assertThat(written).isFalse();
    assertThat(assignment("a")).contains(to(2));
    assertThat(join(registry.writeAssignments(one, Map.of()))).isFalse();
  }

  @Test
  void shouldChunkManyTopicsIntoTransactionsUnderEtcdsOpLimit() {
    // Given
    BrokerSession one = session(memory, 1);
    join(registry.tryAcquire(one));
    Map<String, AssignmentRecord> all = new TreeMap<>();
    for (int i = 0; i < 300; i++) {
      String topic = String.format("t%03d", i);
      join(metadata.topics().create(topic, 1, Map.of()));
      all.put(topic, to(i % 3));
    }
    store.txns.clear();
    // When
    boolean written = join(registry.writeAssignments(one, all));
    // Then
    assertThat(written).isTrue();
    assertThat(store.txns).hasSizeGreaterThan(2);
    for (Txn txn : store.txns) {
      assertThat(txn.compares()).hasSizeLessThanOrEqualTo(100);
      assertThat(txn.onSuccess()).hasSizeLessThanOrEqualTo(100);
      assertThat(txn.onFailure()).hasSizeLessThanOrEqualTo(100);
    }
    all.forEach((topic, a) -> assertThat(assignment(topic)).contains(a));
  }

  @Test
  void shouldNotRewriteUnchangedAssignments() {
    // Given
    BrokerSession one = session(memory, 1);
    join(registry.tryAcquire(one));
    join(metadata.topics().create("a", 1, Map.of()));
    join(metadata.topics().create("b", 1, Map.of()));
    join(registry.writeAssignments(one, Map.of("a", to(1), "b", to(1))));
    long revisionBefore = join(memory.currentRevision());
    // When
    boolean unchanged = join(registry.writeAssignments(one, Map.of("a", to(1), "b", to(1))));
    join(registry.writeAssignments(one, Map.of("a", to(1), "b", to(2))));
    // Then
    assertThat(unchanged).isTrue();
    assertThat(join(memory.currentRevision())).isEqualTo(revisionBefore + 1);
    assertThat(assignment("b")).contains(to(2));
  }
}
