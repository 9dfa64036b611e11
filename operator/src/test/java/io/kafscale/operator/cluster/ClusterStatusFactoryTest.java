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
import io.kafscale.operator.probe.ProbeResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

  @Test
  void shouldNotReportBrokersReadyWhileTheDeploymentRollsOut() {
    // Given: all old pods still ready, but the new template is not (fully) rolled out
    KafscaleCluster c = Resources.cluster("golden/in-default.yaml");
    Deployment unobserved = rolled(3, 3, 3, 3, 7L, 6L);
    Deployment halfUpdated = rolled(3, 3, 1, 3, 7L, 7L);
    Deployment updatedNotAvailable = rolled(3, 3, 3, 2, 7L, 7L);

    // When
    KafscaleClusterStatus a = ClusterStatusFactory.build(c, unobserved, OK, OK, T0);
    KafscaleClusterStatus b = ClusterStatusFactory.build(c, halfUpdated, OK, OK, T0);
    KafscaleClusterStatus d = ClusterStatusFactory.build(c, updatedNotAvailable, OK, OK, T0);
    KafscaleClusterStatus done =
        ClusterStatusFactory.build(c, rolled(3, 3, 3, 3, 7L, 7L), OK, OK, T0);

    // Then
    assertThat(List.of(a, b, d))
        .allSatisfy(
            s -> {
              assertThat(s.phase).isEqualTo("Reconciling");
              assertThat(cond(s, "BrokersReady").reason).isEqualTo("RolloutInProgress");
            });
    assertThat(cond(b, "BrokersReady").message).isEqualTo("3/3 brokers ready, 1/3 brokers updated");
    assertThat(done.phase).isEqualTo("Ready");
  }

  @Test
  void shouldMakeReadyFalseWithTheRefusalWhenASpecChangeIsRefused() {
    // Given
    KafscaleCluster c = Resources.cluster("golden/in-default.yaml");
    Check refusal = new Check(false, "EtcdChangeRefused", "managed etcd replicas 3 -> 5");

    // When
    KafscaleClusterStatus s =
        ClusterStatusFactory.build(c, deployment(3, 3), OK, OK, Optional.of(refusal), T0);

    // Then
    assertThat(s.phase).isEqualTo("Degraded");
    assertThat(cond(s, "Ready").reason).isEqualTo("EtcdChangeRefused");
    assertThat(cond(s, "Ready").message).isEqualTo("managed etcd replicas 3 -> 5");
    assertThat(cond(s, "BrokersReady").status).isEqualTo("True");
  }

  @Test
  void shouldKeepTheEtcdMessageStableAcrossProbesWithDifferentDetails() {
    // Given
    ProbeResult first = ProbeResult.reachable("revision 41");
    ProbeResult second = ProbeResult.reachable("revision 97");

    // When
    Check a = Check.ofVolatile(first, "EtcdReachable", "EtcdUnreachable", "etcd at x");
    Check b = Check.ofVolatile(second, "EtcdReachable", "EtcdUnreachable", "etcd at x");

    // Then
    assertThat(a).isEqualTo(b);
    assertThat(a.message()).isEqualTo("etcd at x reachable");
  }

  @Test
  void shouldReportAFailedApplyOnReadyAndKeepWhatWasObservedBefore() {
    // Given: a ready cluster whose next apply is refused by the API server
    KafscaleCluster c = Resources.cluster("golden/in-default.yaml");
    c.getMetadata().setGeneration(2L);
    c.setStatus(ClusterStatusFactory.build(c, deployment(3, 3), OK, OK, T0));
    Exception refused =
        new RuntimeException(
            "Failure executing: PUT ... Message: Deployment.apps \"demo-broker\" is invalid");

    // When
    KafscaleClusterStatus s = ClusterStatusFactory.failed(c, refused, T0.plusSeconds(5));

    // Then
    assertThat(s.phase).isEqualTo("Degraded");
    assertThat(cond(s, "Ready").status).isEqualTo("False");
    assertThat(cond(s, "Ready").reason).isEqualTo("ApplyFailed");
    assertThat(cond(s, "Ready").message).contains("is invalid");
    assertThat(cond(s, "Ready").lastTransitionTime).isEqualTo(T0.plusSeconds(5).toString());
    assertThat(cond(s, "EtcdAvailable").status).isEqualTo("True");
    assertThat(cond(s, "BrokersReady").status).isEqualTo("True");
  }

  @Test
  void shouldReportAFailedApplyThroughTheReconcilersErrorStatusHandler() {
    // Given
    KafscaleCluster c = Resources.cluster("golden/in-default.yaml");
    KafscaleClusterReconciler reconciler =
        new KafscaleClusterReconciler(
            cfg -> ProbeResult.reachable("x"),
            s3 -> ProbeResult.reachable("x"),
            null,
            java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC),
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
            java.time.Duration.ofSeconds(1),
            java.time.Duration.ofSeconds(1),
            "img");

    // When
    var control =
        reconciler.updateErrorStatus(c, null, new IllegalStateException("quota exceeded"));

    // Then
    assertThat(control.getResource()).isPresent();
    assertThat(cond(control.getResource().get().getStatus(), "Ready").message)
        .isEqualTo("quota exceeded");
  }

  private static Deployment deployment(int replicas, int ready) {
    return rolled(replicas, ready, replicas, replicas, 1L, 1L);
  }

  private static Deployment rolled(
      int replicas, int ready, int updated, int available, long generation, long observed) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withGeneration(generation)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .endSpec()
        .withNewStatus()
        .withReadyReplicas(ready)
        .withUpdatedReplicas(updated)
        .withAvailableReplicas(available)
        .withObservedGeneration(observed)
        .endStatus()
        .build();
  }

  private static Condition cond(KafscaleClusterStatus s, String type) {
    return s.conditions.stream().filter(c -> type.equals(c.type)).findFirst().orElseThrow();
  }
}
