/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.storage.objectstore.ObjectNotFoundException;
import io.kafscale.storage.objectstore.ObjectStoreException;
import io.kafscale.storage.objectstore.memory.FaultPolicy.Operation;
import io.kafscale.storage.objectstore.memory.InMemoryObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class MeteredObjectStoreTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final InMemoryObjectStore inner = new InMemoryObjectStore();
  private final MeteredObjectStore store = new MeteredObjectStore(inner, registry);

  @Test
  void shouldCountPutsAndCreatesAsPutWithTheirLatency() {
    // When
    store.put("a", ByteBuffer.wrap(new byte[] {1})).join();
    store.create("b", ByteBuffer.wrap(new byte[] {2})).join();
    // Then
    assertThat(count("put", "success")).isEqualTo(2);
    assertThat(
            registry
                .get("kafscale.objectstore.request.latency")
                .tag("operation", "put")
                .timer()
                .count())
        .isEqualTo(2);
  }

  @Test
  void shouldCountWholeAndRangedReadsAsGetAndListsDeletesSeparately() {
    // Given
    store.put("a", ByteBuffer.wrap(new byte[] {1, 2, 3})).join();
    // When
    store.get("a").join();
    store.getRange("a", 1, 1).join();
    List<?> listed = store.list("").join();
    store.delete("a").join();
    store.deleteAll(List.of("x", "y")).join();
    // Then
    assertThat(listed).hasSize(1);
    assertThat(count("get", "success")).isEqualTo(2);
    assertThat(count("list", "success")).isEqualTo(1);
    assertThat(count("delete", "success")).isEqualTo(1);
    assertThat(count("delete_batch", "success")).isEqualTo(1);
  }

  @Test
  void shouldCountAFailedCallAsErrorAndPassTheSameFailureOn() {
    // Given
    ObjectStoreException boom = new ObjectStoreException("S3 down");
    inner.failNext(Operation.PUT, 1, () -> boom);
    // When / Then
    assertThatThrownBy(() -> store.put("a", ByteBuffer.wrap(new byte[] {1})).join())
        .isInstanceOf(CompletionException.class)
        .hasCause(boom);
    assertThat(count("put", "error")).isEqualTo(1);
    assertThat(registry.find("kafscale.objectstore.requests").tag("outcome", "success").counter())
        .isNull();
  }

  @Test
  void shouldCountAReadOfAMissingObjectAsNotFound() {
    // When / Then
    assertThatThrownBy(() -> store.get("missing").join())
        .hasCauseInstanceOf(ObjectNotFoundException.class);
    assertThat(count("get", "not_found")).isEqualTo(1);
  }

  @Test
  void shouldCountACreateOfAnExistingObjectAsExists() {
    // Given
    store.create("a", ByteBuffer.wrap(new byte[] {1})).join();
    // When / Then
    assertThatThrownBy(() -> store.create("a", ByteBuffer.wrap(new byte[] {1})).join())
        .isInstanceOf(CompletionException.class);
    assertThat(count("put", "exists")).isEqualTo(1);
  }

  private double count(String operation, String outcome) {
    return registry
        .get("kafscale.objectstore.requests")
        .tags("operation", operation, "outcome", outcome)
        .counter()
        .count();
  }
}
