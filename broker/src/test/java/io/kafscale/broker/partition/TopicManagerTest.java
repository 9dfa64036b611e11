/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.api.TestRecords;
import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.StoreMetadata;
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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TopicManagerTest {
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
  private final List<TopicManager> managers = new ArrayList<>();

  private TopicManager manager() {
    TopicManager m = new TopicManager(1, metadata.topics(), metadata.partitions(), logs, objects);
    managers.add(m);
    return m;
  }

  @AfterEach
  void tearDown() {
    managers.forEach(TopicManager::close);
    logs.close();
    metadata.close();
  }

  @Test
  void shouldReuseOneTopicWhenAutoCreatedConcurrently() {
    // Given
    TopicManager topics = manager();
    // When
    List<CompletableFuture<TopicRecord>> creates = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      creates.add(topics.createIfAbsent("auto", 3));
    }
    // Then
    List<TopicRecord> results = creates.stream().map(CompletableFuture::join).toList();
    assertThat(results).extracting(TopicRecord::topicId).containsOnly(results.getFirst().topicId());
    assertThat(topics.log("auto", 2).orElseThrow().epoch())
        .isEqualTo(topics.log("auto", 0).orElseThrow().epoch());
  }

  @Test
  void shouldReuseATopicCreatedElsewhere() {
    // Given
    metadata.topics().create("elsewhere", 2, Map.of()).join();
    TopicManager topics = manager();
    // When
    TopicRecord topic = topics.createIfAbsent("elsewhere", 5).join();
    // Then
    assertThat(topic.partitionCount()).isEqualTo(2);
    assertThat(topics.log("elsewhere", 1)).isPresent();
  }

  @Test
  void shouldClaimEveryPartitionOnLoadWithAHigherEpoch() {
    // Given
    TopicManager first = manager();
    first.create("t", 2, Map.of()).join();
    int firstEpoch = first.log("t", 0).orElseThrow().epoch();
    first.close();
    // When
    TopicManager second = manager();
    second.load().join();
    // Then
    assertThat(second.topic("t")).isPresent();
    assertThat(second.log("t", 1)).isPresent();
    assertThat(second.log("t", 0).orElseThrow().epoch()).isGreaterThan(firstEpoch);
  }

  @Test
  void shouldReclaimAndReopenAPartitionWhoseLogWasFenced() {
    // Given a partition with committed data whose ownership moves away (another claim bumps the
    // epoch)
    TopicManager topics = manager();
    topics.create("fenced", 1, Map.of()).join();
    PartitionLog first = topics.log("fenced", 0).orElseThrow();
    first.append(TestRecords.batch(1_000L)).join();
    metadata.partitions().claim("fenced", 0, 2).join();
    // When the next commit is fenced
    assertThatThrownBy(() -> first.append(TestRecords.batch(2_000L)).join())
        .hasCauseInstanceOf(StorageException.class);
    // Then the closed log is not served, and the partition comes back under a higher epoch
    assertThat(first.isOpen()).isFalse();
    assertThat(topics.log("fenced", 0)).isEmpty();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(topics.log("fenced", 0)).isPresent());
    PartitionLog reopened = topics.log("fenced", 0).orElseThrow();
    assertThat(reopened.epoch()).isGreaterThan(first.epoch() + 1);
    assertThat(reopened.highWatermark()).isEqualTo(1);
    assertThat(reopened.append(TestRecords.batch(3_000L)).join().baseOffset()).isEqualTo(1);
  }
}
