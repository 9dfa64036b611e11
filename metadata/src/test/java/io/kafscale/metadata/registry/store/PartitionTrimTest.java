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
import io.kafscale.metadata.model.PartitionRecord;
import io.kafscale.metadata.model.PartitionStateRecord;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.TxnResult;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import io.kafscale.metadata.testing.ForwardingMetadataStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fenced retention trims of {@link StorePartitionRegistry} over the in-memory store. */
class PartitionTrimTest {
  private final ManualClock clock = new ManualClock();
  private final List<Txn> txns = new CopyOnWriteArrayList<>();
  private final InMemoryMetadataStore memory = new InMemoryMetadataStore(clock);
  private final MetadataStore store =
      new ForwardingMetadataStore(memory) {
        @Override
        public CompletableFuture<TxnResult> txn(Txn txn) {
          txns.add(txn);
          return delegate.txn(txn);
        }
      };
  private final KeyLayout keys = KeyLayout.defaults();
  private final Metadata metadata = StoreMetadata.open(memory, keys, clock);
  private final StorePartitionRegistry brokerOne = new StorePartitionRegistry(store, keys);
  private final StorePartitionRegistry brokerTwo = new StorePartitionRegistry(store, keys);

  @BeforeEach
  void createTopic() {
    join(metadata.topics().create("orders", 1, Map.of()));
  }

  @AfterEach
  void close() {
    metadata.close();
  }

  private static SegmentRecord segment(long base, int epoch) {
    return SegmentRecord.flushed(
        "obj-" + base, null, 0, 100, base, base + 9, 1000 + base, epoch, 0xCAFE, 5000);
  }

  /** Claims as broker one and commits {@code count} segments of 10 offsets. */
  private List<SegmentRecord> commit(int count, int[] epochOut) {
    int epoch = join(brokerOne.claim("orders", 0, session(store, 1))).leaderEpoch();
    epochOut[0] = epoch;
    List<SegmentRecord> segs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SegmentRecord s = segment(i * 10L, epoch);
      join(brokerOne.commitSegment("orders", 0, epoch, s, List.of()));
      segs.add(s);
    }
    return segs;
  }

  private int segmentKeys() {
    return join(store.getPrefix(keys.segmentsPrefix("orders", 0))).size();
  }

  private PartitionStateRecord state() {
    return ProtoCodec.decodePartitionState(
        join(store.get(keys.partitionState("orders", 0))).orElseThrow().value());
  }

  @Test
  void shouldDeleteSegmentKeysAndMoveTheLogStartInOneTransaction() {
    // Given
    int[] epoch = new int[1];
    List<SegmentRecord> segs = commit(3, epoch);
    txns.clear();
    // When
    join(brokerOne.trimSegments("orders", 0, epoch[0], 20, segs.subList(0, 2)));
    // Then
    assertThat(txns).hasSize(1);
    assertThat(segmentKeys()).isEqualTo(1);
    assertThat(state().logStartOffset()).isEqualTo(20);
    assertThat(state().highWatermark()).isEqualTo(30);
  }

  @Test
  void shouldLetTheOwnerCommitAfterATrim() {
    // Given
    int[] epoch = new int[1];
    List<SegmentRecord> segs = commit(2, epoch);
    join(brokerOne.trimSegments("orders", 0, epoch[0], 15, segs.subList(0, 1)));
    // When
    join(brokerOne.commitSegment("orders", 0, epoch[0], segment(20, epoch[0]), List.of()));
    // Then the commit keeps the trimmed log start
    assertThat(state().logStartOffset()).isEqualTo(15);
    assertThat(state().highWatermark()).isEqualTo(30);
  }

  @Test
  void shouldChunkLongTrimsUnderEtcdsOpLimitOldestFirst() {
    // Given more segments than one transaction may delete
    int[] epoch = new int[1];
    int count = StorePartitionRegistry.MAX_SEGMENT_DELETES_PER_TXN * 2 + 5;
    List<SegmentRecord> segs = commit(count, epoch);
    txns.clear();
    // When
    join(brokerOne.trimSegments("orders", 0, epoch[0], count * 10L, segs));
    // Then
    assertThat(txns).hasSize(3);
    assertThat(txns).allSatisfy(t -> assertThat(t.onSuccess().size()).isLessThanOrEqualTo(128));
    Op firstDelete = txns.get(0).onSuccess().get(0);
    assertThat(firstDelete).isEqualTo(Op.delete(keys.segment("orders", 0, 0)));
    assertThat(segmentKeys()).isZero();
    assertThat(state().logStartOffset()).isEqualTo(count * 10L).isEqualTo(state().highWatermark());
  }

  @Test
  void shouldMoveOnlyTheLogStartWhenNoSegmentIsRemoved() {
    // Given
    int[] epoch = new int[1];
    commit(2, epoch);
    // When
    join(brokerOne.trimSegments("orders", 0, epoch[0], 5, List.of()));
    // Then
    assertThat(segmentKeys()).isEqualTo(2);
    assertThat(state().logStartOffset()).isEqualTo(5);
  }

  @Test
  void shouldNeverMoveTheLogStartBackwards() {
    // Given
    int[] epoch = new int[1];
    commit(2, epoch);
    join(brokerOne.trimSegments("orders", 0, epoch[0], 8, List.of()));
    // When
    join(brokerOne.trimSegments("orders", 0, epoch[0], 3, List.of()));
    // Then
    assertThat(state().logStartOffset()).isEqualTo(8);
  }

  @Test
  void shouldRejectALogStartAboveTheHighWatermarkOrSegmentsNotBelowIt() {
    // Given
    int[] epoch = new int[1];
    List<SegmentRecord> segs = commit(2, epoch);
    // Then
    assertThat(failureOf(brokerOne.trimSegments("orders", 0, epoch[0], 21, List.of())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(failureOf(brokerOne.trimSegments("orders", 0, epoch[0], 5, segs.subList(0, 1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(segmentKeys()).isEqualTo(2);
  }

  @Test
  void shouldFenceATrimAfterAnotherBrokerTookThePartitionOver() {
    // Given broker one committed, then lost its lease and broker two claimed
    int[] epoch = new int[1];
    List<SegmentRecord> segs = commit(2, epoch);
    clock.advance(RegistryFixture.LEASE_TTL);
    memory.expireLeases();
    PartitionRecord claimed = join(brokerTwo.claim("orders", 0, session(store, 2)));
    // When the old owner trims at its epoch
    Throwable failure =
        failureOf(brokerOne.trimSegments("orders", 0, epoch[0], 10, segs.subList(0, 1)));
    // Then nothing changed
    assertThat(failure).isInstanceOf(FencedEpochException.class);
    assertThat(claimed.leaderEpoch()).isGreaterThan(epoch[0]);
    assertThat(segmentKeys()).isEqualTo(2);
    assertThat(state().logStartOffset()).isZero();
  }

  @Test
  void shouldTrimFromASiblingRegistryWithoutACachedClaim() {
    // Given a registry instance of the same broker that never saw the claim
    int[] epoch = new int[1];
    List<SegmentRecord> segs = commit(2, epoch);
    StorePartitionRegistry sibling = new StorePartitionRegistry(store, keys);
    // When
    join(sibling.trimSegments("orders", 0, epoch[0], 10, segs.subList(0, 1)));
    // Then, and the original owner can still commit after its stale-revision retry
    assertThat(state().logStartOffset()).isEqualTo(10);
    join(brokerOne.commitSegment("orders", 0, epoch[0], segment(20, epoch[0]), List.of()));
    assertThat(state().highWatermark()).isEqualTo(30);
    assertThat(state().logStartOffset()).isEqualTo(10);
  }
}
