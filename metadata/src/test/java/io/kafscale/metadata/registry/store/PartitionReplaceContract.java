/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static io.kafscale.metadata.registry.store.RegistryFixture.failureOf;
import static io.kafscale.metadata.registry.store.RegistryFixture.join;
import static io.kafscale.metadata.registry.store.RegistryFixture.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.PartitionStateRecord;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.registry.SegmentsChangedException;
import io.kafscale.metadata.store.MetadataStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Log compaction's segment swap ({@link StorePartitionRegistry#replaceSegments}), run against each
 * metadata store by a subclass that provides a store holding topic {@code orders} with one
 * partition.
 */
abstract class PartitionReplaceContract {
  protected final KeyLayout keys = KeyLayout.defaults();

  /** The store under test, with topic {@code orders} (1 partition) created. */
  protected abstract MetadataStore store();

  private static SegmentRecord flushed(long base, int epoch) {
    return SegmentRecord.flushed(
        "obj-" + base, "idx-" + base, 0, 100, base, base + 9, 1000 + base, epoch, 0xCAFE, 5000);
  }

  private static SegmentRecord compacted(long base, long last, int epoch) {
    return new SegmentRecord(
        "compacted-" + base,
        null,
        0,
        40,
        base,
        last,
        1000 + last,
        epoch,
        0xBEEF,
        9000,
        true,
        List.of(),
        List.of());
  }

  private List<SegmentRecord> commit(StorePartitionRegistry registry, int epoch, int count) {
    List<SegmentRecord> segs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SegmentRecord s = flushed(i * 10L, epoch);
      join(registry.commitSegment("orders", 0, epoch, s, List.of()));
      segs.add(s);
    }
    return segs;
  }

  private List<SegmentRecord> storedSegments() {
    return join(store().getPrefix(keys.segmentsPrefix("orders", 0))).stream()
        .map(kv -> ProtoCodec.decodeSegment(kv.value()))
        .toList();
  }

  private PartitionStateRecord state() {
    return ProtoCodec.decodePartitionState(
        join(store().get(keys.partitionState("orders", 0))).orElseThrow().value());
  }

  @Test
  void shouldSwapRemovedSegmentsForCompactedOnesAndKeepOffsets() {
    // Given three flushed segments
    StorePartitionRegistry registry = new StorePartitionRegistry(store(), keys);
    int epoch = join(registry.claim("orders", 0, session(store(), 1))).leaderEpoch();
    List<SegmentRecord> segs = commit(registry, epoch, 3);
    SegmentRecord merged = compacted(0, 19, epoch);
    // When the first two are replaced by one compacted segment re-using the first key
    join(registry.replaceSegments("orders", 0, epoch, segs.subList(0, 2), List.of(merged)));
    // Then
    assertThat(storedSegments()).containsExactlyInAnyOrder(merged, segs.get(2));
    assertThat(state().highWatermark()).isEqualTo(30);
    assertThat(state().logStartOffset()).isZero();
    // And the owner's next flush still commits
    join(registry.commitSegment("orders", 0, epoch, flushed(30, epoch), List.of()));
    assertThat(state().highWatermark()).isEqualTo(40);
  }

  @Test
  void shouldFenceAReplaceAfterAnotherClaim() {
    // Given
    StorePartitionRegistry oldOwner = new StorePartitionRegistry(store(), keys);
    int epoch = join(oldOwner.claim("orders", 0, session(store(), 1, "old"))).leaderEpoch();
    List<SegmentRecord> segs = commit(oldOwner, epoch, 2);
    StorePartitionRegistry newOwner = new StorePartitionRegistry(store(), keys);
    join(newOwner.claim("orders", 0, session(store(), 1, "new")));
    // When
    Throwable failure =
        failureOf(
            oldOwner.replaceSegments("orders", 0, epoch, segs, List.of(compacted(0, 19, epoch))));
    // Then
    assertThat(failure).isInstanceOf(FencedEpochException.class);
    assertThat(storedSegments()).containsExactlyInAnyOrderElementsOf(segs);
  }

  @Test
  void shouldFailAndWriteNothingWhenARemovedSegmentWasTrimmed() {
    // Given retention removed the first segment after compaction read it
    StorePartitionRegistry registry = new StorePartitionRegistry(store(), keys);
    int epoch = join(registry.claim("orders", 0, session(store(), 1))).leaderEpoch();
    List<SegmentRecord> segs = commit(registry, epoch, 3);
    join(registry.trimSegments("orders", 0, epoch, 10, segs.subList(0, 1)));
    // When
    Throwable failure =
        failureOf(
            registry.replaceSegments(
                "orders", 0, epoch, segs.subList(0, 2), List.of(compacted(0, 19, epoch))));
    // Then
    assertThat(failure).isInstanceOf(SegmentsChangedException.class);
    assertThat(storedSegments()).containsExactlyInAnyOrderElementsOf(segs.subList(1, 3));
  }

  @Test
  void shouldFailWhenARemovedSegmentIsStoredDifferently() {
    // Given a caller whose view of a segment is stale
    StorePartitionRegistry registry = new StorePartitionRegistry(store(), keys);
    int epoch = join(registry.claim("orders", 0, session(store(), 1))).leaderEpoch();
    List<SegmentRecord> segs = commit(registry, epoch, 2);
    SegmentRecord stale = SegmentRecord.flushed("other", null, 0, 100, 0, 9, 1000, epoch, 1, 5000);
    // When
    Throwable failure =
        failureOf(
            registry.replaceSegments(
                "orders", 0, epoch, List.of(stale, segs.get(1)), List.of(compacted(0, 19, epoch))));
    // Then
    assertThat(failure).isInstanceOf(SegmentsChangedException.class);
    assertThat(storedSegments()).containsExactlyInAnyOrderElementsOf(segs);
  }

  @Test
  void shouldReplaceAsManySegmentsAsFitOneTransaction() {
    // Given as many segments as fit beside the two fencing compares
    int count = SegmentReplacement.MAX_TXN_OPS - SegmentReplacement.FENCING_COMPARES;
    StorePartitionRegistry registry = new StorePartitionRegistry(store(), keys);
    int epoch = join(registry.claim("orders", 0, session(store(), 1))).leaderEpoch();
    List<SegmentRecord> segs = commit(registry, epoch, count);
    SegmentRecord merged = compacted(0, count * 10L - 1, epoch);
    // When
    join(registry.replaceSegments("orders", 0, epoch, segs, List.of(merged)));
    // Then
    assertThat(storedSegments()).containsExactly(merged);
  }

  @Test
  void shouldRefuseAReplacementThatDoesNotFitOneTransaction() {
    // Given one segment more than fits
    int count = SegmentReplacement.MAX_TXN_OPS - SegmentReplacement.FENCING_COMPARES + 1;
    StorePartitionRegistry registry = new StorePartitionRegistry(store(), keys);
    int epoch = join(registry.claim("orders", 0, session(store(), 1))).leaderEpoch();
    List<SegmentRecord> segs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      segs.add(flushed(i * 10L, epoch));
    }
    // When
    Throwable failure =
        failureOf(
            registry.replaceSegments(
                "orders", 0, epoch, segs, List.of(compacted(0, count * 10L - 1, epoch))));
    // Then
    assertThat(failure).isInstanceOf(IllegalArgumentException.class);
    assertThat(storedSegments()).isEmpty();
  }

  @Test
  void shouldRefuseAddedSegmentsOutsideTheReplacedOffsets() {
    // Given
    StorePartitionRegistry registry = new StorePartitionRegistry(store(), keys);
    int epoch = join(registry.claim("orders", 0, session(store(), 1))).leaderEpoch();
    List<SegmentRecord> segs = commit(registry, epoch, 2);
    // When
    Throwable failure =
        failureOf(
            registry.replaceSegments(
                "orders", 0, epoch, segs.subList(0, 1), List.of(compacted(0, 19, epoch))));
    // Then
    assertThat(failure).isInstanceOf(IllegalArgumentException.class);
    assertThat(storedSegments()).containsExactlyInAnyOrderElementsOf(segs);
  }

  @Test
  void shouldTreatARetryOfAnAppliedReplacementAsSuccess() {
    // Given a replacement that was applied although its caller saw no answer (response lost)
    StorePartitionRegistry registry = new StorePartitionRegistry(store(), keys);
    int epoch = join(registry.claim("orders", 0, session(store(), 1))).leaderEpoch();
    List<SegmentRecord> segs = commit(registry, epoch, 3);
    SegmentRecord merged = compacted(0, 19, epoch);
    join(registry.replaceSegments("orders", 0, epoch, segs.subList(0, 2), List.of(merged)));
    // When the caller retries the very same replacement
    join(registry.replaceSegments("orders", 0, epoch, segs.subList(0, 2), List.of(merged)));
    // Then it succeeds and the store holds the replacement once
    assertThat(storedSegments()).containsExactlyInAnyOrder(merged, segs.get(2));
  }

  @Test
  void shouldNotTreatADifferentEarlierReplacementAsThisOne() {
    // Given the segments were replaced by other compacted segments
    StorePartitionRegistry registry = new StorePartitionRegistry(store(), keys);
    int epoch = join(registry.claim("orders", 0, session(store(), 1))).leaderEpoch();
    List<SegmentRecord> segs = commit(registry, epoch, 3);
    SegmentRecord merged = compacted(0, 19, epoch);
    join(registry.replaceSegments("orders", 0, epoch, segs.subList(0, 2), List.of(merged)));
    SegmentRecord other =
        new SegmentRecord(
            "other", null, 0, 40, 0, 19, 1019, epoch, 0xBEEF, 9000, true, List.of(), List.of());
    // When
    Throwable failure =
        failureOf(registry.replaceSegments("orders", 0, epoch, segs.subList(0, 2), List.of(other)));
    // Then
    assertThat(failure).isInstanceOf(SegmentsChangedException.class);
    assertThat(storedSegments()).containsExactlyInAnyOrder(merged, segs.get(2));
  }

  @Test
  void shouldStoreTheEpochStartsOfACompactedSegment() {
    // Given a compacted segment spanning two epochs
    StorePartitionRegistry registry = new StorePartitionRegistry(store(), keys);
    int epoch = join(registry.claim("orders", 0, session(store(), 1))).leaderEpoch();
    List<SegmentRecord> segs = commit(registry, epoch, 2);
    SegmentRecord merged =
        new SegmentRecord(
            "compacted-0",
            null,
            0,
            40,
            0,
            19,
            1019,
            epoch,
            0xBEEF,
            9000,
            true,
            List.of(
                new SegmentRecord.EpochStart(epoch - 1, 0),
                new SegmentRecord.EpochStart(epoch, 10)),
            List.of());
    // When
    join(registry.replaceSegments("orders", 0, epoch, segs, List.of(merged)));
    // Then
    assertThat(storedSegments()).containsExactly(merged);
    assertThat(storedSegments().getFirst().epochStarts()).hasSize(2);
  }
}
