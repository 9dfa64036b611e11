/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kafscale.operator.Resources;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import io.kafscale.operator.model.BrokerDeploymentModel;
import io.kafscale.operator.model.EtcdModel;
import org.junit.jupiter.api.Test;

class EtcdChangeGuardTest {

  @Test
  void shouldRefuseChangingMembersOrVolumesOfARunningManagedEtcd() {
    // Given: etcd runs with the defaults (3 members, 10Gi)
    KafscaleCluster running = Resources.cluster("golden/in-default.yaml");
    StatefulSet existing = EtcdModel.statefulSet(running);
    KafscaleCluster changed = Resources.cluster("golden/in-default.yaml");
    changed.getSpec().etcd = new KafscaleClusterSpec.Etcd();
    changed.getSpec().etcd.managed = new KafscaleClusterSpec.ManagedEtcd();
    changed.getSpec().etcd.managed.replicas = 5;
    changed.getSpec().etcd.managed.storageSize = "20Gi";

    // When
    var refusal = EtcdChangeGuard.check(changed, existing);

    // Then
    assertThat(refusal).isPresent();
    assertThat(refusal.get().ok()).isFalse();
    assertThat(refusal.get().reason()).isEqualTo(EtcdChangeGuard.REASON);
    assertThat(refusal.get().message())
        .contains("members 3 -> 5")
        .contains("storageSize 10Gi -> 20Gi");
  }

  @Test
  void shouldAcceptAnUnchangedEtcdOrNoneYetAndHoldOnlyTheEtcdStatefulSet() {
    // Given
    KafscaleCluster c = Resources.cluster("golden/in-full.yaml");

    // When / Then
    assertThat(EtcdChangeGuard.check(c, EtcdModel.statefulSet(c))).isEmpty();
    assertThat(EtcdChangeGuard.check(c, null)).isEmpty();
    assertThat(EtcdChangeGuard.held(EtcdModel.statefulSet(c))).isTrue();
    assertThat(EtcdChangeGuard.held(BrokerDeploymentModel.build(c))).isFalse();
  }
}
