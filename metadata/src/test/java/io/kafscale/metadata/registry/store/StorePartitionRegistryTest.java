/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.StoreMetadata;
import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.PartitionStateRecord;
import io.kafscale.metadata.model.ProducerRecord;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.MetadataStoreException;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.TxnResult;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import io.kafscale.metadata.testing.ForwardingMetadataStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Commit safety of {@link StorePartitionRegistry} when a store reports an applied txn as failed.
 */
class StorePartitionRegistryTest {
  private final ManualClock clock = new ManualClock();
  private final InMemoryMetadataStore memory = new InMemoryMetadataStore(clock);
  private final LossyStore store = new LossyStore(memory);
  private final KeyLayout keys = KeyLayout.defaults();
  private final Metadata metadata = StoreMetadata.open(memory, keys, clock);
  private final StorePartitionRegistry registry = new StorePartitionRegistry(store, keys);

  @AfterEach
  void close() {
    metadata.close();
  }

  @Test
  void shouldFenceASameOffsetCommitAfterAnAppliedCommitWasReportedFailed() {
    // Given an owner whose first commit was applied but reported as failed (response lost)
    join(metadata.topics().create("orders", 1, Map.of()));
    int epoch = join(registry.claim("orders", 0, RegistryFixture.session(memory, 1))).leaderEpoch();
    SegmentRecord first = segment("a", 0, 9, epoch);
    ProducerRecord producer =
        new ProducerRecord(
            42,
            (short) 0,
            List.of(new ProducerRecord.Batch(0, 9, 0, 9, 100)),
            5,
            ProducerRecord.NO_TXN);
    store.failNextTxnAfterApplying();
    assertThat(failureOf(registry.commitSegment("orders", 0, epoch, first, List.of(producer))))
        .isInstanceOf(MetadataStoreException.class);
    // When the owner commits different data at the same base offset under the same epoch
    Throwable failure =
        failureOf(registry.commitSegment("orders", 0, epoch, segment("b", 0, 4, epoch), List.of()));
    // Then the commit is fenced and the applied segment is left untouched
    assertThat(failure).isInstanceOf(FencedEpochException.class);
    assertThat(storedSegment(0)).isEqualTo(first);
    assertThat(state().highWatermark()).isEqualTo(10);
  }

  @Test
  void shouldFenceACommitWhoseSegmentKeyAlreadyExistsEvenWithAFreshRevision() {
    // Given a committed segment and a registry instance with no cached revision
    join(metadata.topics().create("orders", 1, Map.of()));
    int epoch = join(registry.claim("orders", 0, RegistryFixture.session(memory, 1))).leaderEpoch();
    SegmentRecord first = segment("a", 0, 9, epoch);
    join(registry.commitSegment("orders", 0, epoch, first, List.of()));
    StorePartitionRegistry restarted = new StorePartitionRegistry(store, keys);
    // When it commits over the same base offset
    Throwable failure =
        failureOf(
            restarted.commitSegment("orders", 0, epoch, segment("b", 0, 4, epoch), List.of()));
    // Then
    assertThat(failure).isInstanceOf(FencedEpochException.class);
    assertThat(storedSegment(0)).isEqualTo(first);
    assertThat(state().highWatermark()).isEqualTo(10);
  }

  @Test
  void shouldRetryAStaleRevisionCommitThatContinuesTheStoredLog() {
    // Given a second registry instance of the same owner that committed after ours cached state
    join(metadata.topics().create("orders", 1, Map.of()));
    int epoch = join(registry.claim("orders", 0, RegistryFixture.session(memory, 1))).leaderEpoch();
    join(registry.commitSegment("orders", 0, epoch, segment("a", 0, 9, epoch), List.of()));
    StorePartitionRegistry sibling = new StorePartitionRegistry(store, keys);
    join(sibling.commitSegment("orders", 0, epoch, segment("b", 10, 19, epoch), List.of()));
    // When ours commits the next segment with a stale cached revision
    join(registry.commitSegment("orders", 0, epoch, segment("c", 20, 29, epoch), List.of()));
    // Then the retry path accepted it
    assertThat(state().highWatermark()).isEqualTo(30);
    assertThat(storedSegment(20)).isEqualTo(segment("c", 20, 29, epoch));
  }

  private static SegmentRecord segment(String name, long base, long last, int epoch) {
    return SegmentRecord.flushed(
        "obj-" + name, "idx-" + name, 0, 100, base, last, 1000 + base, epoch, 0xCAFE, 5000);
  }

  private SegmentRecord storedSegment(long base) {
    return ProtoCodec.decodeSegment(
        join(memory.get(keys.segment("orders", 0, base))).orElseThrow().value());
  }

  private PartitionStateRecord state() {
    return ProtoCodec.decodePartitionState(
        join(memory.get(keys.partitionState("orders", 0))).orElseThrow().value());
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  private static Throwable failureOf(CompletableFuture<?> f) {
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected the future to fail");
  }

  /** Delegating store whose next txn, once armed, is applied but reported as failed. */
  private static final class LossyStore extends ForwardingMetadataStore {
    private volatile boolean failNext;

    LossyStore(MetadataStore delegate) {
      super(delegate);
    }

    void failNextTxnAfterApplying() {
      failNext = true;
    }

    @Override
    public CompletableFuture<TxnResult> txn(Txn txn) {
      boolean lose = failNext;
      failNext = false;
      CompletableFuture<TxnResult> applied = delegate.txn(txn);
      if (!lose) {
        return applied;
      }
      return applied.thenCompose(
          r -> CompletableFuture.failedFuture(new MetadataStoreException("outcome unknown")));
    }
  }
}
