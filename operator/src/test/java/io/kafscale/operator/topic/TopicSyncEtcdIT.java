/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.etcd.EtcdConfig;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.metadata.registry.TopicRegistry;
import io.kafscale.metadata.testing.EtcdServer;
import io.kafscale.operator.crd.KafscaleTopicSpec;
import io.kafscale.operator.etcd.EtcdConnections;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link TopicSync} against a real etcd, through the metadata module's TopicRegistry. */
class TopicSyncEtcdIT {
  private static EtcdServer etcd;
  private static EtcdConnections connections;
  private static TopicRegistry registry;
  private static TopicSync sync;

  @BeforeAll
  static void start() {
    etcd = EtcdServer.start();
    connections = new EtcdConnections(Clock.systemUTC(), Duration.ofSeconds(5));
    registry = connections.topics(EtcdConfig.of(List.of(etcd.endpoint())));
    sync = new TopicSync(registry, Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() {
    connections.close();
    etcd.close();
  }

  private final java.util.Map<String, String> owned = new java.util.HashMap<>();

  /** Syncs as the reconciler does: the topic this test's resource created before is its own. */
  private TopicSync.Result sync(String name, KafscaleTopicSpec spec) throws Exception {
    TopicSync.Result r =
        TopicSyncEtcdIT.sync.sync(name, spec, Optional.ofNullable(owned.get(name)));
    r.topic().ifPresent(t -> owned.put(name, t.topicId().toString()));
    return r;
  }

  @Test
  void shouldCreateTopicWithPartitionsAndConfigs() throws Exception {
    // When
    TopicSync.Result r = sync("orders", spec(3, Map.of("retention.ms", "60000")));

    // Then
    TopicRecord stored = registry.get("orders").get().orElseThrow();
    assertThat(stored.partitionCount()).isEqualTo(3);
    assertThat(stored.configs()).containsEntry("retention.ms", "60000");
    assertThat(r.topic())
        .hasValueSatisfying(t -> assertThat(t.topicId()).isEqualTo(stored.topicId()));
    assertThat(r.ready().status).isEqualTo("True");
    assertThat(r.ready().reason).isEqualTo("Created");
  }

  @Test
  void shouldGrowPartitionsAndReplaceConfigs() throws Exception {
    // Given
    sync("payments", spec(2, Map.of("retention.ms", "1000")));

    // When
    TopicSync.Result r = sync("payments", spec(5, Map.of("cleanup.policy", "compact")));

    // Then
    TopicRecord stored = registry.get("payments").get().orElseThrow();
    assertThat(stored.partitionCount()).isEqualTo(5);
    assertThat(stored.configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
    assertThat(r.ready().message).isEqualTo("topic 'payments' has 5 partitions");
  }

  @Test
  void shouldRefuseToShrinkPartitionsButStillApplyConfigs() throws Exception {
    // Given
    sync("clicks", spec(6, Map.of()));

    // When
    TopicSync.Result r = sync("clicks", spec(3, Map.of("retention.bytes", "1048576")));

    // Then
    TopicRecord stored = registry.get("clicks").get().orElseThrow();
    assertThat(stored.partitionCount()).isEqualTo(6);
    assertThat(stored.configs()).containsEntry("retention.bytes", "1048576");
    assertThat(r.ready().status).isEqualTo("False");
    assertThat(r.ready().reason).isEqualTo("PartitionShrinkRefused");
    assertThat(r.ready().message)
        .isEqualTo("partitions cannot shrink from 6 to 3; the topic keeps 6");
  }

  @Test
  void shouldRejectInvalidConfigKeysWithoutTouchingTheTopic() throws Exception {
    // Given
    sync("audit", spec(1, Map.of("retention.ms", "5")));

    // When
    TopicSync.Result r = sync("audit", spec(1, Map.of("Retention MS", "5")));

    // Then
    assertThat(r.ready().reason).isEqualTo("InvalidConfig");
    assertThat(registry.get("audit").get().orElseThrow().configs())
        .isEqualTo(Map.of("retention.ms", "5"));
  }

  @Test
  void shouldDeleteTopicAndReportWhetherItExisted() throws Exception {
    // Given
    sync("tmp-topic", spec(1, Map.of()));

    // When
    boolean first = sync.delete("tmp-topic", Optional.ofNullable(owned.get("tmp-topic")));
    boolean second = sync.delete("tmp-topic", Optional.ofNullable(owned.get("tmp-topic")));

    // Then
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(registry.get("tmp-topic").get()).isEqualTo(Optional.empty());
  }

  static KafscaleTopicSpec spec(int partitions, Map<String, String> config) {
    KafscaleTopicSpec s = new KafscaleTopicSpec();
    s.clusterRef = "demo";
    s.partitions = partitions;
    s.config = config;
    return s;
  }
}
