/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.objectstore.ObjectStore;
import io.kafscale.storage.objectstore.ObjectStoreContractTest;
import io.kafscale.storage.objectstore.ObjectStoreException;
import io.kafscale.storage.objectstore.memory.FaultPolicy.Operation;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InMemoryObjectStoreTest extends ObjectStoreContractTest {

  @Override
  protected ObjectStore createStore() {
    return new InMemoryObjectStore();
  }

  private InMemoryObjectStore memory() {
    return (InMemoryObjectStore) store;
  }

  @Test
  void shouldFailExactlyTheNextOperationsWhenToldTo() throws Exception {
    // Given
    memory().failNext(2, () -> new ObjectStoreException("injected"));
    // When
    Throwable first = failure(store.put(prefix + "a", bytes("a")));
    Throwable second = failure(store.get(prefix + "a"));
    await(store.put(prefix + "a", bytes("a")));
    // Then
    assertThat(first).isInstanceOf(ObjectStoreException.class).hasMessage("injected");
    assertThat(second).isInstanceOf(ObjectStoreException.class).hasMessage("injected");
    assertThat(text(await(store.get(prefix + "a")))).isEqualTo("a");
  }

  @Test
  void shouldFailOnlyTheChosenOperationKind() throws Exception {
    // Given
    memory().failNext(Operation.CREATE, 1, () -> new ObjectStoreException("no create"));
    // When
    await(store.put(prefix + "p", bytes("p")));
    Throwable created = failure(store.create(prefix + "c", bytes("c")));
    // Then
    assertThat(created).hasMessage("no create");
    assertThat(text(await(store.get(prefix + "p")))).isEqualTo("p");
    assertThat(memory().size()).isEqualTo(1);
  }

  @Test
  void shouldHoldOperationUntilReleased() throws Exception {
    // Given
    CompletableFuture<Void> gate = memory().holdNext(Operation.PUT);
    // When
    CompletableFuture<Void> put = store.put(prefix + "held", bytes("h"));
    // Then
    assertThat(put).isNotDone();
    assertThat(memory().size()).isZero();
    gate.complete(null);
    await(put);
    assertThat(text(await(store.get(prefix + "held")))).isEqualTo("h");
  }

  @Test
  void shouldFailHeldOperationWithTheReleaseCause() {
    // Given
    CompletableFuture<Void> gate = memory().holdNext(Operation.PUT);
    CompletableFuture<Void> put = store.put(prefix + "held", bytes("h"));
    // When
    gate.completeExceptionally(new ObjectStoreException("outage"));
    // Then
    assertThat(failure(put)).isInstanceOf(ObjectStoreException.class).hasMessage("outage");
    assertThat(memory().size()).isZero();
  }

  @Test
  void shouldApplyStandingPolicyUntilRemoved() throws Exception {
    // Given
    memory().faultPolicy(FaultPolicy.failing(() -> new ObjectStoreException("down")));
    // When
    Throwable whileDown = failure(store.list(prefix));
    memory().faultPolicy(FaultPolicy.none());
    // Then
    assertThat(whileDown).hasMessage("down");
    assertThat(await(store.list(prefix))).isEmpty();
  }

  @Test
  void shouldCountOperationsIncludingFailedOnes() throws Exception {
    // Given
    memory().failNext(1, () -> new ObjectStoreException("x"));
    // When
    failure(store.put(prefix + "a", bytes("a")));
    await(store.put(prefix + "a", bytes("a")));
    await(store.get(prefix + "a"));
    // Then
    assertThat(memory().count(Operation.PUT)).isEqualTo(2);
    assertThat(memory().count(Operation.GET)).isEqualTo(1);
  }

  @Test
  void shouldRejectOperationsAfterClose() {
    // Given
    store.close();
    // When / Then
    assertThat(failure(store.get(prefix + "a"))).isInstanceOf(ObjectStoreException.class);
  }
}
