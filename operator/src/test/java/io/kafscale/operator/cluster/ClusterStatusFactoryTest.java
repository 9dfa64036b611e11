/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.kafscale.operator.Resources;
import io.kafscale.operator.cluster.ClusterStatusFactory.Check;
import io.kafscale.operator.crd.Condition;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClusterStatusFactoryTest {
  private static final Check OK = new Check(true, "Ok", "fine");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void shouldBeReadyWhenEverythingIsAndAllBrokersAreReady() {
    // Given
    KafscaleCluster c = Resources.cluster("golden/in-default.yaml");
    c.getMetadata().setGeneration(4L);

    // When
    KafscaleClusterStatus s = ClusterStatusFactory.build(c, deployment(3, 3), OK, OK, T0);

    // Then
    assertThat(s.phase).isEqualTo("Ready");
    assertThat(s.readyBrokers).isEqualTo(3);
    assertThat(s.observedGeneration).isEqualTo(4L);
    assertThat(s.endpoints.bootstrap).isEqualTo("demo-broker.kafka.svc:9092");
    assertThat(cond(s, "Ready").status).isEqualTo("True");
    assertThat(cond(s, "BrokersReady").message).isEqualTo("3/3 brokers ready");
  }

  @Test
  void shouldBeReconcilingWhenOnlyBrokersAreNotReadyAndDegradedWhenEtcdIsDown() {
    // Given
    KafscaleCluster c = Resources.cluster("golden/in-default.yaml");
    Check etcdDown = new Check(false, "EtcdUnreachable", "etcd at x unreachable: refused");

    // When
    KafscaleClusterStatus starting = ClusterStatusFactory.build(c, deployment(3, 1), OK, OK, T0);
    KafscaleClusterStatus degraded =
        ClusterStatusFactory.build(c, deployment(3, 1), etcdDown, OK, T0);

    // Then
    assertThat(starting.phase).isEqualTo("Reconciling");
    assertThat(cond(starting, "Ready").reason).isEqualTo("BrokersNotReady");
    assertThat(degraded.phase).isEqualTo("Degraded");
    assertThat(cond(degraded, "Ready").message).isEqualTo("etcd at x unreachable: refused");
  }

  @Test
  void shouldKeepTransitionTimeWhileAConditionKeepsItsStatus() {
    // Given
    KafscaleCluster c = Resources.cluster("golden/in-default.yaml");
    c.setStatus(ClusterStatusFactory.build(c, deployment(3, 3), OK, OK, T0));

    // When
    KafscaleClusterStatus later =
        ClusterStatusFactory.build(
            c, deployment(3, 3), OK, new Check(false, "B", "b"), T0.plusSeconds(60));

    // Then
    assertThat(cond(later, "EtcdAvailable").lastTransitionTime).isEqualTo(T0.toString());
    assertThat(cond(later, "StorageReachable").lastTransitionTime)
        .isEqualTo(T0.plusSeconds(60).toString());
  }

  private static Deployment deployment(int replicas, int ready) {
    return new DeploymentBuilder()
        .withNewSpec()
        .withReplicas(replicas)
        .endSpec()
        .withNewStatus()
        .withReadyReplicas(ready)
        .endStatus()
        .build();
  }

  private static Condition cond(KafscaleClusterStatus s, String type) {
    return s.conditions.stream().filter(c -> type.equals(c.type)).findFirst().orElseThrow();
  }
}
