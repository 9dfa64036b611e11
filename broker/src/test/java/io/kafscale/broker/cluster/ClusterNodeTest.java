/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.api.TestRecords;
import io.kafscale.broker.partition.MetadataSegmentCommitter;
import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.StoreMetadata;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.log.PartitionLogFactory;
import io.kafscale.storage.log.StorageConfig;
import io.kafscale.storage.log.StorageException;
import io.kafscale.storage.objectstore.memory.InMemoryObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several cluster nodes in one process over one in-memory metadata store and object store: topic
 * changes, placement, hand-over on drain, lease loss and fenced logs.
 */
class ClusterNodeTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final InMemoryMetadataStore store = new InMemoryMetadataStore(Clock.systemUTC());
  private final Metadata metadata = StoreMetadata.open(store);
  private final InMemoryObjectStore objects = new InMemoryObjectStore();
  private final PartitionLogFactory logs =
      new PartitionLogFactory(
          objects,
          new MetadataSegmentCommitter(metadata.partitions()),
          new StorageConfig("test", 1 << 20, Duration.ofMillis(1), 1 << 20, 4096),
          Clock.systemUTC(),
          new SimpleMeterRegistry());
  private final List<ClusterNode> nodes = new ArrayList<>();

  private ClusterNode node() {
    ClusterNode node =
        ClusterNode.start(
                metadata,
                logs,
                objects,
                new BrokerRecord(
                    -1, "127.0.0.1", 9092, Optional.empty(), 0, false, UUID.randomUUID() + ""),
                new ClusterSettings(
                    Duration.ofSeconds(3),
                    Duration.ofMillis(500),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(60),
                    Duration.ofMillis(200),
                    ClusterSettings.DEFAULT_COORDINATOR_PARTITIONS),
                Clock.systemUTC(),
                new SimpleMeterRegistry(),
                reason -> {
                  throw new AssertionError(reason);
                })
            .join();
    nodes.add(node);
    return node;
  }

  @AfterEach
  void tearDown() {
    nodes.forEach(ClusterNode::close);
    logs.close();
    metadata.close();
  }

  private static long owned(ClusterNode node, String topic, int partitions) {
    long count = 0;
    for (int p = 0; p < partitions; p++) {
      if (node.topics().log(topic, p).isPresent()) {
        count++;
      }
    }
    return count;
  }

  @Test
  void shouldOwnEveryPartitionOfANewTopicWhenAlone() {
    // Given
    ClusterNode node = node();
    // When
    node.topics().create("t", 4, Map.of()).join();
    // Then
    assertThat(owned(node, "t", 4)).isEqualTo(4);
    assertThat(node.view().leader("t", 3))
        .hasValueSatisfying(l -> assertThat(l.broker().brokerId()).isEqualTo(node.brokerId()));
  }

  @Test
  void shouldAllocateDistinctIdsAndSplitPartitionsEvenly() {
    // Given
    ClusterNode a = node();
    a.topics().create("t", 6, Map.of()).join();
    // When
    ClusterNode b = node();
    // Then
    assertThat(b.brokerId()).isNotEqualTo(a.brokerId());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(owned(a, "t", 6)).isEqualTo(3);
              assertThat(owned(b, "t", 6)).isEqualTo(3);
            });
  }

  @Test
  void shouldKeepCommittedRecordsAndOffsetsAcrossAHandOver() {
    // Given a record committed on the first broker
    ClusterNode a = node();
    a.topics().create("t", 2, Map.of()).join();
    PartitionLog before = a.topics().log("t", 0).orElseThrow();
    assertThat(before.append(TestRecords.batch(1_000L)).join().baseOffset()).isZero();
    ClusterNode b = node();
    await().atMost(WAIT).until(() -> owned(b, "t", 2) == 1);
    // When the first broker drains and leaves
    a.drain();
    a.close();
    // Then the second owns both partitions and continues the offsets
    await().atMost(WAIT).until(() -> owned(b, "t", 2) == 2);
    PartitionLog after = b.topics().log("t", 0).orElseThrow();
    assertThat(after.epoch()).isGreaterThan(before.epoch());
    assertThat(after.highWatermark()).isEqualTo(1);
    assertThat(after.append(TestRecords.batch(2_000L)).join().baseOffset()).isEqualTo(1);
  }

  @Test
  void shouldSeeTopicsCreatedOnAnotherBroker() {
    // Given
    ClusterNode a = node();
    ClusterNode b = node();
    // When
    TopicRecord created = a.topics().create("shared", 2, Map.of()).join();
    // Then
    await().atMost(WAIT).until(() -> b.topics().topic("shared").isPresent());
    assertThat(b.topics().createIfAbsent("shared", 9).join().topicId())
        .isEqualTo(created.topicId());
  }

  @Test
  void shouldReuseOneTopicWhenAutoCreatedConcurrently() {
    // Given
    ClusterNode a = node();
    ClusterNode b = node();
    // When
    List<CompletableFuture<TopicRecord>> creates = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      creates.add((i % 2 == 0 ? a : b).topics().createIfAbsent("auto", 3));
    }
    // Then
    List<TopicRecord> results = creates.stream().map(CompletableFuture::join).toList();
    assertThat(results).extracting(TopicRecord::topicId).containsOnly(results.getFirst().topicId());
  }

  @Test
  void shouldDropPartitionsOfADeletedTopic() {
    // Given
    ClusterNode a = node();
    a.topics().create("gone", 2, Map.of()).join();
    // When
    a.topics().delete("gone").join();
    // Then
    assertThat(a.topics().topic("gone")).isEmpty();
    await().atMost(WAIT).until(() -> owned(a, "gone", 2) == 0);
  }

  @Test
  void shouldStopServingAtOnceAndRejoinWhenTheLeaseIsLost() {
    // Given
    ClusterNode a = node();
    a.topics().create("t", 2, Map.of()).join();
    PartitionLog before = a.topics().log("t", 0).orElseThrow();
    before.append(TestRecords.batch(1_000L)).join();
    int id = a.brokerId();
    // When the store drops the broker's lease (as when it expires during a pause)
    store.revokeLease(a.session().leaseId()).join();
    // Then it comes back under the same id with new epochs and the committed data
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(a.session()).isNotNull();
              assertThat(a.topics().log("t", 0))
                  .hasValueSatisfying(l -> assertThat(l.epoch()).isGreaterThan(before.epoch()));
            });
    assertThat(a.brokerId()).isEqualTo(id);
    assertThat(before.isOpen()).isFalse();
    assertThat(a.topics().log("t", 0).orElseThrow().highWatermark()).isEqualTo(1);
  }

  @Test
  void shouldReclaimAndReopenAPartitionWhoseLogWasFenced() {
    // Given a partition with committed data claimed again behind its owner's back
    ClusterNode a = node();
    a.topics().create("fenced", 1, Map.of()).join();
    PartitionLog first = a.topics().log("fenced", 0).orElseThrow();
    first.append(TestRecords.batch(1_000L)).join();
    BrokerSession session = a.session();
    metadata
        .partitions()
        .claim(
            "fenced",
            0,
            new BrokerSession(session.brokerId(), "another-incarnation", session.leaseId()))
        .join();
    // When the next commit is fenced
    assertThatThrownBy(() -> first.append(TestRecords.batch(2_000L)).join())
        .hasCauseInstanceOf(StorageException.class);
    // Then the closed log is not served, and the partition comes back under a higher epoch
    assertThat(first.isOpen()).isFalse();
    await().atMost(WAIT).untilAsserted(() -> assertThat(a.topics().log("fenced", 0)).isPresent());
    PartitionLog reopened = a.topics().log("fenced", 0).orElseThrow();
    assertThat(reopened.epoch()).isGreaterThan(first.epoch() + 1);
    assertThat(reopened.highWatermark()).isEqualTo(1);
    assertThat(reopened.append(TestRecords.batch(3_000L)).join().baseOffset()).isEqualTo(1);
  }
}
