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
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EtcdSnapshotModelTest {

  @Test
  void shouldUploadWithTheClustersKmsKeySessionTokenEndpointAndPathStyle() {
    // Given: the full spec names a KMS key, a session token key and an endpoint (pathStyle false)
    KafscaleCluster c = Resources.cluster("golden/in-full.yaml");

    // When
    Container upload = pod(c).getContainers().get(0);
    Map<String, EnvVar> env =
        upload.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));

    // Then
    assertThat(env.get("KMS_KEY_ID").getValue())
        .isEqualTo("arn:aws:kms:eu-west-1:111122223333:key/abcd");
    assertThat(env.get("AWS_SESSION_TOKEN").getValueFrom().getSecretKeyRef().getKey())
        .isEqualTo("AWS_SESSION_TOKEN");
    assertThat(env.get("S3_ENDPOINT").getValue()).isEqualTo("https://s3.eu-west-1.amazonaws.com");
    assertThat(env.get("S3_PATH_STYLE").getValue()).isEqualTo("false");
    String script = upload.getCommand().get(2);
    assertThat(script)
        .contains("--sse aws:kms --sse-kms-key-id $KMS_KEY_ID")
        .contains("addressing_style = path")
        .contains("aws $EP s3 cp $SSE snapshot.db");
  }

  @Test
  void shouldRunBothContainersNonRootReadOnlyWithoutCapabilitiesUnderTheNamedAccount() {
    // Given
    KafscaleCluster c = Resources.cluster("golden/in-full.yaml");

    // When
    PodSpec pod = pod(c);

    // Then
    assertThat(pod.getServiceAccountName()).isEqualTo("kafscale-snapshot");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    for (Container container :
        List.of(pod.getInitContainers().get(0), pod.getContainers().get(0))) {
      assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    }
  }

  private static PodSpec pod(KafscaleCluster c) {
    return EtcdSnapshotModel.build(c)
        .orElseThrow()
        .getSpec()
        .getJobTemplate()
        .getSpec()
        .getTemplate()
        .getSpec();
  }
}
