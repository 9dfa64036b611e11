/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.kafscale.metadata.etcd.EtcdConfig;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.metadata.registry.TopicRegistry;
import io.kafscale.metadata.registry.store.StoreTopicRegistry;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import io.kafscale.operator.KafscaleOperator;
import io.kafscale.operator.MockKubernetes;
import io.kafscale.operator.cluster.KafscaleClusterReconciler;
import io.kafscale.operator.crd.Condition;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import io.kafscale.operator.crd.KafscaleTopic;
import io.kafscale.operator.crd.KafscaleTopicSpec;
import io.kafscale.operator.etcd.EtcdConfigResolver;
import io.kafscale.operator.etcd.TopicRegistryProvider;
import io.kafscale.operator.model.ClusterDefaults;
import io.kafscale.operator.probe.ProbeResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topic reconciler run by java-operator-sdk against fabric8's mock API server (finalizer,
 * status, events), with the cluster's topic registry over the in-memory metadata store: the mock
 * server needs Vert.x 5 and jetcd Vert.x 4, so one JVM cannot hold both; {@link TopicSyncEtcdIT}
 * runs the same sync against a real etcd.
 */
class KafscaleTopicReconcilerMockServerTest {
  private static final String NS = "kafka";
  @TempDir Path tmp;
  private MockKubernetes kube;
  private KubernetesClient client;
  private Operator operator;
  private TopicRegistry registry;
  private final List<EtcdConfig> asked = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    kube = new MockKubernetes();
    client = kube.client();
    registry =
        new StoreTopicRegistry(
            new InMemoryMetadataStore(), KeyLayout.defaults(), Clock.systemUTC());
    TopicRegistryProvider registries =
        config -> {
          asked.add(config);
          return registry;
        };
    EtcdConfigResolver resolver = new EtcdConfigResolver(tmp);
    Duration requeue = Duration.ofMillis(500);
    operator =
        KafscaleOperator.create(
            client,
            new KafscaleClusterReconciler(
                config -> ProbeResult.reachable("test"),
                s3 -> ProbeResult.reachable("test"),
                resolver,
                Clock.systemUTC(),
                new SimpleMeterRegistry(),
                requeue,
                requeue,
                ClusterDefaults.BROKER_IMAGE),
            new KafscaleTopicReconciler(
                registries, resolver, Clock.systemUTC(), Duration.ofSeconds(5), requeue),
            Optional.empty());
    operator.start();
    KafscaleCluster cluster = new KafscaleCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName("demo").withNamespace(NS).build());
    cluster.setSpec(new KafscaleClusterSpec());
    cluster.getSpec().s3 = new KafscaleClusterSpec.S3();
    cluster.getSpec().s3.bucket = "demo-bucket";
    cluster.getSpec().etcd = new KafscaleClusterSpec.Etcd();
    cluster.getSpec().etcd.endpoints = List.of("http://127.0.0.1:2379");
    client.resource(cluster).create();
  }

  @AfterEach
  void stop() {
    operator.stop();
    kube.close();
  }

  @Test
  void shouldCreateGrowAndDeleteTopicFollowingTheResource() throws Exception {
    // Given
    KafscaleTopic topic = topic("orders", 3, null);

    // When
    client.resource(topic).create();

    // Then
    TopicRecord created = awaitTopic("orders", 3);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              KafscaleTopic t = get("orders");
              assertThat(t.getStatus().topicId).isEqualTo(created.topicId().toString());
              assertThat(t.getStatus().partitions).isEqualTo(3);
              assertThat(ready(t).status).isEqualTo("True");
            });

    // When: grow and configure
    edit(
        "orders",
        t -> {
          t.getSpec().partitions = 8;
          t.getSpec().config = Map.of("retention.ms", "3600000");
        });

    // Then
    awaitTopic("orders", 8);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(registry.get("orders").get().orElseThrow().configs())
                    .containsEntry("retention.ms", "3600000"));

    // When: shrink
    edit("orders", t -> t.getSpec().partitions = 2);

    // Then
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Condition c = ready(get("orders"));
              assertThat(c.reason).isEqualTo("PartitionShrinkRefused");
              assertThat(c.message)
                  .isEqualTo("partitions cannot shrink from 8 to 2; the topic keeps 8");
            });
    assertThat(registry.get("orders").get().orElseThrow().partitionCount()).isEqualTo(8);

    // When: delete the resource
    client.resource(get("orders")).delete();

    // Then
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(registry.get("orders").get()).isEmpty());
    await().atMost(Duration.ofSeconds(20)).until(() -> get("orders") == null);
    assertThat(asked)
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.endpoints()).containsExactly("http://127.0.0.1:2379"));
  }

  @Test
  void shouldKeepTopicWhenDeletionPolicyIsRetain() throws Exception {
    // Given
    client.resource(topic("audit-log", 2, "Retain")).create();
    awaitTopic("audit_log", 2);

    // When
    client.resource(get("audit-log")).delete();

    // Then
    await().atMost(Duration.ofSeconds(20)).until(() -> get("audit-log") == null);
    assertThat(registry.get("audit_log").get()).isPresent();
  }

  @Test
  void shouldSetInvalidConfigConditionAndWriteNothingForABadConfigMap() throws Exception {
    // Given
    KafscaleTopic topic = topic("billing", 2, null);
    topic.getSpec().config = Map.of("retention.ms", "abc");

    // When
    client.resource(topic).create();

    // Then
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Condition c = ready(get("billing"));
              assertThat(c.status).isEqualTo("False");
              assertThat(c.reason).isEqualTo("InvalidConfig");
              assertThat(c.message).contains("retention.ms=abc");
            });
    assertThat(registry.get("billing").get()).isEmpty();

    // When the resource is fixed
    edit("billing", t -> t.getSpec().config = Map.of("retention.ms", "60000"));

    // Then the topic is created with it
    awaitTopic("billing", 2);
    assertThat(registry.get("billing").get().orElseThrow().configs())
        .isEqualTo(Map.of("retention.ms", "60000"));
  }

  @Test
  void shouldReportMissingCluster() {
    // Given
    KafscaleTopic topic = topic("orphan", 1, null);
    topic.getSpec().clusterRef = "nope";

    // When
    client.resource(topic).create();

    // Then
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Condition c = ready(get("orphan"));
              assertThat(c.reason).isEqualTo("ClusterNotFound");
              assertThat(c.message)
                  .isEqualTo("KafscaleCluster 'nope' not found in namespace 'kafka'");
            });
  }

  private KafscaleTopic topic(String name, int partitions, String policy) {
    KafscaleTopic t = new KafscaleTopic();
    t.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    t.setSpec(new KafscaleTopicSpec());
    t.getSpec().clusterRef = "demo";
    t.getSpec().partitions = partitions;
    t.getSpec().deletionPolicy = policy;
    if (name.contains("-") && "Retain".equals(policy)) {
      t.getSpec().topicName = name.replace('-', '_');
    }
    return t;
  }

  private void edit(String name, java.util.function.Consumer<KafscaleTopic> change) {
    client
        .resources(KafscaleTopic.class)
        .inNamespace(NS)
        .withName(name)
        .edit(
            t -> {
              change.accept(t);
              return t;
            });
  }

  private KafscaleTopic get(String name) {
    return client.resources(KafscaleTopic.class).inNamespace(NS).withName(name).get();
  }

  private TopicRecord awaitTopic(String name, int partitions) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> registry.get(name).get().orElse(null),
            t -> t != null && t.partitionCount() == partitions);
  }

  private static Condition ready(KafscaleTopic t) {
    assertThat(t.getStatus()).isNotNull();
    return t.getStatus().conditions.stream()
        .filter(c -> "Ready".equals(c.type))
        .findFirst()
        .orElseThrow();
  }
}
