/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.MetadataStoreContractTest;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs the store contract against the in-memory twin, with a manual clock. */
class InMemoryMetadataStoreTest extends MetadataStoreContractTest {
  private final ManualClock clock = new ManualClock();

  @Override
  protected MetadataStore createStore() {
    return new InMemoryMetadataStore(clock);
  }

  @Override
  protected void advanceTime(Duration d) {
    clock.advance(d);
  }

  @Test
  void shouldExpireLeasesExactlyWhenTheClockReachesTheDeadline() {
    // Given
    InMemoryMetadataStore mem = (InMemoryMetadataStore) store;
    long lease = join(mem.grantLease(Duration.ofSeconds(2)));
    join(mem.txn(Txn.builder().then(Op.put("/t/a", bytes("1"), lease)).build()));
    // When
    clock.advance(Duration.ofMillis(1999));
    int early = mem.expireLeases();
    clock.advance(Duration.ofMillis(1));
    int due = mem.expireLeases();
    // Then
    assertThat(early).isZero();
    assertThat(due).isEqualTo(1);
    assertThat(value("/t/a")).isEmpty();
  }
}
