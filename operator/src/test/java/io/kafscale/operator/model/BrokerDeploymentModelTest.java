/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.kafscale.operator.Resources;
import io.kafscale.operator.crd.KafscaleCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerDeploymentModelTest {

  @Test
  void shouldUseAnExecSleepPreStopThatKubernetes125Runs() {
    // Given
    KafscaleCluster c = Resources.cluster("golden/in-default.yaml");

    // When
    Container broker = pod(c).getContainers().get(0);

    // Then: the sleep handler needs 1.30; exec works on every version the chart supports
    assertThat(broker.getLifecycle().getPreStop().getSleep()).isNull();
    assertThat(broker.getLifecycle().getPreStop().getExec().getCommand())
        .containsExactly("/bin/sleep", String.valueOf(ClusterDefaults.PRE_STOP_SECONDS));
  }

  @Test
  void shouldGiveTheBrokerTimeForDrainReleaseAndLeavingBeforeTheKubeletKillsIt() {
    // Given: T = 30 s by default, 60 s in the full spec
    KafscaleCluster plain = Resources.cluster("golden/in-default.yaml");
    KafscaleCluster full = Resources.cluster("golden/in-full.yaml");

    // When / Then: 5 s preStop + 2T drain + T release + 20 s leave and exit
    assertThat(pod(plain).getTerminationGracePeriodSeconds()).isEqualTo(5 + 3 * 30 + 20L);
    assertThat(pod(full).getTerminationGracePeriodSeconds()).isEqualTo(5 + 3 * 60 + 20L);
  }

  @Test
  void shouldRunBrokersUnderTheNamedServiceAccountOnlyWhenOneIsGiven() {
    // Given
    KafscaleCluster plain = Resources.cluster("golden/in-default.yaml");
    KafscaleCluster full = Resources.cluster("golden/in-full.yaml");

    // When / Then
    assertThat(pod(plain).getServiceAccountName()).isNull();
    assertThat(pod(full).getServiceAccountName()).isEqualTo("kafscale-broker");
  }

  @Test
  void shouldAdvertiseAPerPodExternalHostFromTheNodeWhenExposed() {
    // Given: advertisedHost is a template on the node name
    KafscaleCluster full = Resources.cluster("golden/in-full.yaml");

    // When
    List<EnvVar> env = pod(full).getContainers().get(0).getEnv();

    // Then: NODE_NAME is defined before the variable that references it
    List<String> names = env.stream().map(EnvVar::getName).toList();
    assertThat(names.indexOf("NODE_NAME")).isLessThan(names.indexOf("KAFSCALE_BROKER_HOST"));
    assertThat(var(env, "NODE_NAME").getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("spec.nodeName");
    assertThat(var(env, "KAFSCALE_BROKER_HOST").getValue())
        .isEqualTo("$(NODE_NAME).kafka.example.com");
    assertThat(var(env, "KAFSCALE_BROKER_PORT").getValue()).isEqualTo("31092");
  }

  @Test
  void shouldAdvertiseThePodIpWhenNotExposed() {
    // Given
    KafscaleCluster plain = Resources.cluster("golden/in-default.yaml");

    // When
    List<EnvVar> env = pod(plain).getContainers().get(0).getEnv();

    // Then
    assertThat(var(env, "KAFSCALE_BROKER_HOST").getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("status.podIP");
  }

  private static PodSpec pod(KafscaleCluster c) {
    return BrokerDeploymentModel.build(c).getSpec().getTemplate().getSpec();
  }

  private static EnvVar var(List<EnvVar> env, String name) {
    return env.stream().filter(e -> name.equals(e.getName())).findFirst().orElseThrow();
  }
}
