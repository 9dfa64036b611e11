/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kafscale.metadata.etcd.EtcdConfig;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.metadata.registry.TopicRegistry;
import io.kafscale.metadata.testing.EtcdServer;
import io.kafscale.operator.crd.Condition;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import io.kafscale.operator.crd.KafscaleTopic;
import io.kafscale.operator.crd.KafscaleTopicSpec;
import io.kafscale.operator.crd.KafscaleTopicStatus;
import io.kafscale.operator.etcd.EtcdConfigResolver;
import io.kafscale.operator.etcd.EtcdConnections;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topic reconciler's sync and delete against a real etcd named by the cluster's external
 * endpoints (java-operator-sdk's part, the finalizer and status patches, is covered against the
 * mock API server by KafscaleTopicReconcilerMockServerTest: the mock needs Vert.x 5, jetcd 4).
 */
class KafscaleTopicReconcilerEtcdIT {
  private static EtcdServer etcd;
  private static EtcdConnections connections;
  private static TopicRegistry registry;
  private static KafscaleCluster cluster;
  @TempDir static Path tmp;
  private static KafscaleTopicReconciler reconciler;

  @BeforeAll
  static void start() {
    etcd = EtcdServer.start();
    connections = new EtcdConnections(Clock.systemUTC(), Duration.ofSeconds(5));
    registry = connections.topics(EtcdConfig.of(List.of(etcd.endpoint())));
    reconciler =
        new KafscaleTopicReconciler(
            connections,
            new EtcdConfigResolver(tmp),
            Clock.systemUTC(),
            Duration.ofSeconds(10),
            Duration.ofSeconds(1));
    cluster = new KafscaleCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName("demo").withNamespace("kafka").build());
    cluster.setSpec(new KafscaleClusterSpec());
    cluster.getSpec().etcd = new KafscaleClusterSpec.Etcd();
    cluster.getSpec().etcd.endpoints = List.of(etcd.endpoint());
  }

  @AfterAll
  static void stop() {
    connections.close();
    etcd.close();
  }

  @Test
  void shouldCreateGrowConfigureRefuseShrinkAndDelete() throws Exception {
    // Given
    KafscaleTopic topic = topic("orders", 2, Map.of("retention.ms", "1000"), null);

    // When
    KafscaleTopicStatus created = reconciler.sync(topic, cluster, null);

    // Then
    TopicRecord stored = registry.get("orders").get().orElseThrow();
    assertThat(created.topicId).isEqualTo(stored.topicId().toString());
    assertThat(created.partitions).isEqualTo(2);
    assertThat(ready(created).status).isEqualTo("True");

    // When: grow and reconfigure
    topic.setStatus(created);
    topic.getSpec().partitions = 4;
    topic.getSpec().config = Map.of("cleanup.policy", "compact");
    KafscaleTopicStatus grown = reconciler.sync(topic, cluster, null);

    // Then
    stored = registry.get("orders").get().orElseThrow();
    assertThat(stored.partitionCount()).isEqualTo(4);
    assertThat(stored.configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
    assertThat(grown.partitions).isEqualTo(4);

    // When: shrink
    topic.setStatus(grown);
    topic.getSpec().partitions = 1;
    KafscaleTopicStatus refused = reconciler.sync(topic, cluster, null);

    // Then
    assertThat(ready(refused).reason).isEqualTo("PartitionShrinkRefused");
    assertThat(registry.get("orders").get().orElseThrow().partitionCount()).isEqualTo(4);

    // When: delete
    boolean finalizerMayGo = reconciler.delete(topic, cluster, null);

    // Then
    assertThat(finalizerMayGo).isTrue();
    assertThat(registry.get("orders").get()).isEmpty();
  }

  @Test
  void shouldKeepTopicOnDeleteWhenRetained() throws Exception {
    // Given
    KafscaleTopic topic = topic("ledger", 1, Map.of(), "Retain");
    reconciler.sync(topic, cluster, null);

    // When
    boolean finalizerMayGo = reconciler.delete(topic, cluster, null);

    // Then
    assertThat(finalizerMayGo).isTrue();
    assertThat(registry.get("ledger").get()).isPresent();
  }

  @Test
  void shouldReportUnreachableEtcdAndKeepFinalizer() {
    // Given: a cluster whose etcd endpoint refuses connections
    KafscaleCluster down = new KafscaleCluster();
    down.setMetadata(new ObjectMetaBuilder().withName("down").withNamespace("kafka").build());
    down.setSpec(new KafscaleClusterSpec());
    down.getSpec().etcd = new KafscaleClusterSpec.Etcd();
    down.getSpec().etcd.endpoints = List.of("http://127.0.0.1:1");
    KafscaleTopic topic = topic("lost", 1, Map.of(), null);

    // When
    KafscaleTopicStatus status = reconciler.sync(topic, down, null);
    boolean finalizerMayGo = reconciler.delete(topic, down, null);

    // Then
    assertThat(ready(status).reason).isEqualTo("EtcdUnavailable");
    assertThat(ready(status).message).startsWith("etcd operation failed: ");
    assertThat(finalizerMayGo).isFalse();
  }

  private static KafscaleTopic topic(
      String name, int partitions, Map<String, String> config, String policy) {
    KafscaleTopic t = new KafscaleTopic();
    t.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace("kafka").withGeneration(1L).build());
    t.setSpec(new KafscaleTopicSpec());
    t.getSpec().clusterRef = "demo";
    t.getSpec().partitions = partitions;
    t.getSpec().config = config;
    t.getSpec().deletionPolicy = policy;
    return t;
  }

  private static Condition ready(KafscaleTopicStatus s) {
    return s.conditions.stream().filter(c -> "Ready".equals(c.type)).findFirst().orElseThrow();
  }
}
