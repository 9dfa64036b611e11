/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.StoreMetadata;
import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.PartitionRecord;
import io.kafscale.metadata.model.PartitionStateRecord;
import io.kafscale.metadata.model.ProducerRecord;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.registry.TopicExistsException;
import io.kafscale.metadata.registry.UnknownTopicException;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The typed registries over the in-memory store. */
class StoreRegistriesTest {
  private final ManualClock clock = new ManualClock();
  private final InMemoryMetadataStore store = new InMemoryMetadataStore(clock);
  private final KeyLayout keys = KeyLayout.defaults();
  private final Metadata metadata = StoreMetadata.open(store, keys, clock);

  @AfterEach
  void close() {
    metadata.close();
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

  private static SegmentRecord segment(long base, long last, int epoch) {
    return SegmentRecord.flushed(
        "obj-" + base, "idx-" + base, 0, 100, base, last, 1000 + base, epoch, 0xCAFE, 5000);
  }

  private PartitionStateRecord state(String topic, int p) {
    return ProtoCodec.decodePartitionState(
        join(store.get(keys.partitionState(topic, p))).orElseThrow().value());
  }

  @Test
  void shouldCreateTopicAsOneKeyWhosePartitionsStartUnownedAtEpochZero() {
    // When
    TopicRecord t = join(metadata.topics().create("orders", 3, Map.of("retention.ms", "1000")));
    // Then
    assertThat(t.partitionCount()).isEqualTo(3);
    assertThat(t.createdAtMs()).isEqualTo(clock.millis());
    assertThat(join(metadata.topics().get("orders"))).contains(t);
    assertThat(join(store.getPrefix(keys.partitionsPrefix("orders"))))
        .as("partition state keys are written by first claims")
        .isEmpty();
    for (int p = 0; p < 3; p++) {
      PartitionRecord first =
          join(metadata.partitions().claim("orders", p, RegistryFixture.session(store, 1)));
      assertThat(first.leaderEpoch()).isEqualTo(1);
      assertThat(first.highWatermark()).isZero();
    }
  }

  @Test
  void shouldCreateAndDeleteATopicWithMorePartitionsThanATransactionMayHaveOperations() {
    // When (etcd allows 128 operations per transaction by default)
    join(metadata.topics().create("wide", 1_000, Map.of()));
    join(metadata.partitions().claim("wide", 999, RegistryFixture.session(store, 1)));
    join(metadata.topics().addPartitions("wide", 2_000));
    // Then
    assertThat(join(metadata.partitions().claim("wide", 1_999, RegistryFixture.session(store, 1))))
        .extracting(PartitionRecord::leaderEpoch)
        .isEqualTo(1);
    assertThat(join(metadata.topics().delete("wide"))).isEmpty();
    assertThat(join(store.getPrefix(keys.partitionsPrefix("wide")))).isEmpty();
  }

  @Test
  void shouldRefuseToClaimAPartitionBeyondTheTopicsCount() {
    // Given
    join(metadata.topics().create("orders", 2, Map.of()));
    // When / Then
    assertThat(
            failureOf(metadata.partitions().claim("orders", 2, RegistryFixture.session(store, 1))))
        .isInstanceOf(UnknownTopicException.class);
  }

  @Test
  void shouldRejectCreatingATopicTwice() {
    // Given
    TopicRecord first = join(metadata.topics().create("orders", 1, Map.of()));
    // When
    Throwable failure = failureOf(metadata.topics().create("orders", 5, Map.of()));
    // Then
    assertThat(failure).isInstanceOf(TopicExistsException.class);
    assertThat(join(metadata.topics().get("orders"))).contains(first);
  }

  @Test
  void shouldListTopicsByName() {
    // Given
    join(metadata.topics().create("b", 1, Map.of()));
    join(metadata.topics().create("a", 1, Map.of()));
    // When / Then
    assertThat(join(metadata.topics().list()))
        .extracting(TopicRecord::name)
        .containsExactly("a", "b");
  }

  @Test
  void shouldDeleteTopicWithAllPartitionKeysAndReturnItsSegments() {
    // Given
    join(metadata.topics().create("orders", 2, Map.of()));
    join(metadata.topics().create("orders2", 1, Map.of()));
    PartitionRecord owned =
        join(metadata.partitions().claim("orders", 1, RegistryFixture.session(store, 7)));
    join(
        metadata
            .partitions()
            .commitSegment(
                "orders", 1, owned.leaderEpoch(), segment(0, 9, owned.leaderEpoch()), List.of()));
    // When
    List<SegmentRecord> removed = join(metadata.topics().delete("orders"));
    // Then
    assertThat(removed).containsExactly(segment(0, 9, owned.leaderEpoch()));
    assertThat(join(metadata.topics().get("orders"))).isEmpty();
    assertThat(join(store.getPrefix(keys.partitionsPrefix("orders")))).isEmpty();
    assertThat(join(metadata.topics().get("orders2"))).isPresent();
    assertThat(failureOf(metadata.topics().delete("orders")))
        .isInstanceOf(UnknownTopicException.class);
  }

  @Test
  void shouldAddPartitionsOnlyWhenTheCountGrows() {
    // Given
    TopicRecord t = join(metadata.topics().create("orders", 2, Map.of()));
    // When
    TopicRecord grown = join(metadata.topics().addPartitions("orders", 4));
    Throwable shrink = failureOf(metadata.topics().addPartitions("orders", 4));
    // Then
    assertThat(grown.partitionCount()).isEqualTo(4);
    assertThat(grown.topicId()).isEqualTo(t.topicId());
    assertThat(join(metadata.partitions().claim("orders", 3, RegistryFixture.session(store, 1))))
        .extracting(PartitionRecord::leaderEpoch)
        .isEqualTo(1);
    assertThat(shrink).isInstanceOf(IllegalArgumentException.class);
    assertThat(failureOf(metadata.topics().addPartitions("nope", 4)))
        .isInstanceOf(UnknownTopicException.class);
  }

  @Test
  void shouldReplaceConfigs() {
    // Given
    join(metadata.topics().create("orders", 1, Map.of("retention.ms", "1")));
    // When
    join(metadata.topics().updateConfigs("orders", Map.of("segment.ms", "2")));
    // Then
    assertThat(join(metadata.topics().get("orders")).orElseThrow().configs())
        .isEqualTo(Map.of("segment.ms", "2"));
  }

  @Test
  void shouldBumpEpochAndSetOwnerOnEveryClaim() {
    // Given
    join(metadata.topics().create("orders", 1, Map.of()));
    BrokerSession one = RegistryFixture.session(store, 1);
    // When
    PartitionRecord first = join(metadata.partitions().claim("orders", 0, one));
    join(metadata.partitions().release("orders", 0, one, first.leaderEpoch()));
    PartitionRecord second =
        join(metadata.partitions().claim("orders", 0, RegistryFixture.session(store, 2)));
    // Then
    assertThat(first.leaderEpoch()).isEqualTo(1);
    assertThat(first.ownerBrokerId()).isEqualTo(1);
    assertThat(second.leaderEpoch()).isEqualTo(2);
    assertThat(state("orders", 0).ownerBrokerId()).isEqualTo(2);
  }

  @Test
  void shouldFailClaimOfAnUnknownPartition() {
    // Given
    join(metadata.topics().create("orders", 1, Map.of()));
    // When / Then
    BrokerSession one = RegistryFixture.session(store, 1);
    assertThat(failureOf(metadata.partitions().claim("orders", 1, one)))
        .isInstanceOf(UnknownTopicException.class);
    assertThat(failureOf(metadata.partitions().claim("nope", 0, one)))
        .isInstanceOf(UnknownTopicException.class);
  }

  @Test
  void shouldCommitSegmentsAndHandThemToTheNextOwner() {
    // Given
    join(metadata.topics().create("orders", 1, Map.of()));
    BrokerSession one = RegistryFixture.session(store, 1);
    int epoch = join(metadata.partitions().claim("orders", 0, one)).leaderEpoch();
    ProducerRecord producer =
        new ProducerRecord(
            42,
            (short) 0,
            List.of(new ProducerRecord.Batch(0, 9, 0, 9, 100)),
            5,
            ProducerRecord.NO_TXN);
    // When
    join(
        metadata
            .partitions()
            .commitSegment("orders", 0, epoch, segment(0, 9, epoch), List.of(producer)));
    join(
        metadata.partitions().commitSegment("orders", 0, epoch, segment(10, 24, epoch), List.of()));
    join(metadata.partitions().release("orders", 0, one, epoch));
    PartitionRecord next =
        join(metadata.partitions().claim("orders", 0, RegistryFixture.session(store, 2)));
    // Then
    assertThat(next.highWatermark()).isEqualTo(25);
    assertThat(next.segments()).containsExactly(segment(0, 9, epoch), segment(10, 24, epoch));
    assertThat(next.producers()).containsExactly(producer);
    assertThat(next.leaderEpoch()).isEqualTo(epoch + 1);
  }

  @Test
  void shouldFenceACommitWithAnOldEpochAndWriteNothing() {
    // Given
    join(metadata.topics().create("orders", 1, Map.of()));
    BrokerSession one = RegistryFixture.session(store, 1);
    int oldEpoch = join(metadata.partitions().claim("orders", 0, one)).leaderEpoch();
    clock.advance(RegistryFixture.LEASE_TTL); // broker 1's lease expires, its owner key with it
    try (Metadata otherBroker = StoreMetadata.open(store, keys, clock)) {
      int newEpoch =
          join(otherBroker.partitions().claim("orders", 0, RegistryFixture.session(store, 2)))
              .leaderEpoch();
      long revisionBefore = join(store.currentRevision());
      // When
      Throwable failure =
          failureOf(
              metadata
                  .partitions()
                  .commitSegment("orders", 0, oldEpoch, segment(0, 9, oldEpoch), List.of()));
      // Then
      assertThat(failure).isInstanceOf(FencedEpochException.class);
      assertThat(join(store.currentRevision())).isEqualTo(revisionBefore);
      assertThat(join(store.getPrefix(keys.segmentsPrefix("orders", 0)))).isEmpty();
      join(
          otherBroker
              .partitions()
              .commitSegment("orders", 0, newEpoch, segment(0, 4, newEpoch), List.of()));
      assertThat(state("orders", 0).highWatermark()).isEqualTo(5);
    }
  }

  @Test
  void shouldFenceACommitWhoseEpochWasNeverClaimed() {
    // Given
    join(metadata.topics().create("orders", 1, Map.of()));
    // When
    Throwable failure =
        failureOf(metadata.partitions().commitSegment("orders", 0, 5, segment(0, 1, 5), List.of()));
    // Then
    assertThat(failure).isInstanceOf(FencedEpochException.class);
  }

  @Test
  void shouldHandOutDistinctIncreasingProducerIdsAcrossBlocks() {
    // When
    List<Long> ids =
        java.util.stream.LongStream.range(0, 2500)
            .mapToObj(i -> join(metadata.producerIds().nextProducerId()))
            .toList();
    // Then
    assertThat(ids).doesNotHaveDuplicates().isSorted();
    KeyValue block = join(store.get(keys.producerIdBlock())).orElseThrow();
    assertThat(ProtoCodec.decodeProducerIdBlock(block.value())).isEqualTo(3000);
  }

  @Test
  void shouldKeepTheClusterIdAcrossOpens() {
    // When
    String again;
    try (Metadata reopened = StoreMetadata.open(store, keys, clock)) {
      again = reopened.clusterId();
    }
    // Then
    assertThat(metadata.clusterId()).hasSize(22).matches("[A-Za-z0-9_][A-Za-z0-9_-]{21}");
    assertThat(again).isEqualTo(metadata.clusterId());
  }

  @Test
  void shouldCreateDistinctClusterIdsForDistinctStores() {
    try (Metadata other = StoreMetadata.open(new InMemoryMetadataStore(clock))) {
      assertThat(other.clusterId()).isNotEqualTo(metadata.clusterId());
    }
  }

  @Test
  void shouldNotExpireAnythingWithoutLeases() {
    // Given
    join(metadata.topics().create("orders", 1, Map.of()));
    // When
    clock.advance(Duration.ofDays(365));
    // Then
    assertThat(join(metadata.topics().get("orders"))).isPresent();
  }

  @Test
  void shouldStartTheEpochsOfARecreatedTopicAboveEveryEpochOfTheDeletedOne() {
    // Given a topic whose partition reached epoch 3, then was deleted
    join(metadata.topics().create("again", 2, Map.of()));
    for (int i = 0; i < 3; i++) {
      join(metadata.partitions().claim("again", 1, RegistryFixture.session(store, 1)));
    }
    join(metadata.topics().delete("again"));
    // When it is created again and claimed
    join(metadata.topics().create("again", 2, Map.of()));
    PartitionRecord first =
        join(metadata.partitions().claim("again", 0, RegistryFixture.session(store, 1)));
    // Then no epoch of the old topic is reused: an old owner's late commit cannot match
    assertThat(first.leaderEpoch()).isEqualTo(4);
    // And the floor only grows through further deletions
    join(metadata.topics().delete("again"));
    join(metadata.topics().create("again", 1, Map.of()));
    assertThat(join(metadata.partitions().claim("again", 0, RegistryFixture.session(store, 1))))
        .extracting(PartitionRecord::leaderEpoch)
        .isEqualTo(5);
  }
}
