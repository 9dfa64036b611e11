/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.metadata.store.LeaseNotFoundException;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.Watch;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MeteredMetadataStoreTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MeteredMetadataStore store =
      new MeteredMetadataStore(new InMemoryMetadataStore(), registry);

  @Test
  void shouldCountEachPortOperationUnderItsOwnTag() throws Exception {
    // When
    store.txn(Txn.builder().then(new Op.Put("/k", new byte[] {1}, 0)).build()).join();
    store.get("/k").join();
    store.getPrefix("/").join();
    store.currentRevision().join();
    long lease = store.grantLease(Duration.ofSeconds(10)).join();
    store.keepAlive(lease).join();
    store.revokeLease(lease).join();
    try (Watch ignored = store.watchPrefix("/", 0, events -> {})) {
      // opened
    }
    // Then
    for (String op :
        new String[] {
          "txn",
          "get",
          "range",
          "revision",
          "lease_grant",
          "lease_keepalive",
          "lease_revoke",
          "watch"
        }) {
      assertThat(count(op, "success")).as(op).isEqualTo(1);
      assertThat(
              registry
                  .get("kafscale.metadata.request.latency")
                  .tag("operation", op)
                  .timer()
                  .count())
          .as(op)
          .isEqualTo(1);
    }
  }

  @Test
  void shouldCountAFailedCallAsErrorAndRethrowIt() {
    // When / Then: revoking an unknown lease fails
    assertThatThrownBy(() -> store.revokeLease(42).join())
        .hasCauseInstanceOf(LeaseNotFoundException.class);
    assertThat(count("lease_revoke", "error")).isEqualTo(1);
  }

  @Test
  void shouldCountACallThatThrowsAsErrorAndRethrowIt() {
    // Given a closed store, whose calls fail
    store.close();
    // When / Then
    assertThatThrownBy(() -> store.get("/k").join()).isNotNull();
    assertThat(count("get", "error")).isEqualTo(1);
  }

  private double count(String operation, String outcome) {
    return registry
        .get("kafscale.metadata.requests")
        .tags("operation", operation, "outcome", outcome)
        .counter()
        .count();
  }
}
