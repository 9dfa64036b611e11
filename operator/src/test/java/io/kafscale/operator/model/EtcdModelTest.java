/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.kafscale.operator.Resources;
import io.kafscale.operator.crd.KafscaleCluster;
import org.junit.jupiter.api.Test;

class EtcdModelTest {

  @Test
  void shouldPreferMembersOnDifferentNodesAndSpreadThemAcrossZones() {
    // Given
    KafscaleCluster c = Resources.cluster("golden/in-default.yaml");

    // When
    PodSpec pod = EtcdModel.statefulSet(c).getSpec().getTemplate().getSpec();

    // Then: preferred, so a one-node or one-zone cluster still schedules all members
    var anti = pod.getAffinity().getPodAntiAffinity();
    assertThat(anti.getRequiredDuringSchedulingIgnoredDuringExecution()).isEmpty();
    assertThat(anti.getPreferredDuringSchedulingIgnoredDuringExecution())
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.getPodAffinityTerm().getTopologyKey())
                    .isEqualTo("kubernetes.io/hostname"));
    assertThat(pod.getTopologySpreadConstraints())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
              assertThat(t.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
            });
  }

  @Test
  void shouldTakeMemberResourcesFromTheSpecOrUseDefaults() {
    // Given
    KafscaleCluster plain = Resources.cluster("golden/in-default.yaml");
    KafscaleCluster full = Resources.cluster("golden/in-full.yaml");

    // When
    Container byDefault = etcd(plain);
    Container bySpec = etcd(full);

    // Then
    assertThat(byDefault.getResources().getRequests())
        .containsEntry("cpu", new Quantity("200m"))
        .containsEntry("memory", new Quantity("512Mi"));
    assertThat(byDefault.getResources().getLimits()).containsEntry("memory", new Quantity("512Mi"));
    assertThat(bySpec.getResources().getRequests()).containsEntry("cpu", new Quantity("500m"));
    assertThat(bySpec.getResources().getLimits()).containsEntry("memory", new Quantity("1Gi"));
  }

  @Test
  void shouldAllowOneEvictionAtATimeSoDrainsAreNeverBlocked() {
    // Given: one member and three members
    KafscaleCluster three = Resources.cluster("golden/in-default.yaml");
    KafscaleCluster one = Resources.cluster("golden/in-default.yaml");
    one.getSpec().etcd = new io.kafscale.operator.crd.KafscaleClusterSpec.Etcd();
    one.getSpec().etcd.managed = new io.kafscale.operator.crd.KafscaleClusterSpec.ManagedEtcd();
    one.getSpec().etcd.managed.replicas = 1;

    // When
    PodDisruptionBudget pdb3 = EtcdModel.disruptionBudget(three);
    PodDisruptionBudget pdb1 = EtcdModel.disruptionBudget(one);

    // Then: minAvailable 1 of 1 would block every node drain forever
    for (PodDisruptionBudget pdb : new PodDisruptionBudget[] {pdb1, pdb3}) {
      assertThat(pdb.getSpec().getMinAvailable()).isNull();
      assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    }
  }

  private static Container etcd(KafscaleCluster c) {
    return EtcdModel.statefulSet(c).getSpec().getTemplate().getSpec().getContainers().get(0);
  }
}
