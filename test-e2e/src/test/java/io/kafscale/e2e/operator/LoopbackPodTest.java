/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pod-to-loopback translation: only pod IP, ports and volumes change; the rest is as written.
 */
class LoopbackPodTest {
  private static final ImageEntrypoint IMAGE =
      ImageEntrypoint.parse(
          """
          FROM scratch
          ENV KAFSCALE_DATA_DIR=/data \\
              KAFSCALE_BROKER_ADDR=:9092
          WORKDIR /data
          # comment
          ENTRYPOINT ["java", "-jar", "/opt/app.jar"]
          """);
  private static final LoopbackPod.Context CTX =
      new LoopbackPod.Context(
          "pod-1",
          "ns",
          Map.of(9092, 40001, 9093, 40002),
          Map.of("data", Path.of("/tmp/vol/data")),
          Map.of("creds", Map.of("key", "s3cr3t")),
          Map.of("java", "/jdk/bin/java", "/opt/app.jar", "/build/app.jar"));

  @Test
  void shouldResolveDownwardApiSecretsAndVariableReferencesInOrder() {
    // Given
    Deployment d = deployment(List.of());
    // When
    LoopbackPod pod = LoopbackPod.of(d, "app", IMAGE, CTX);
    // Then
    assertThat(pod.env())
        .containsEntry("POD_NAME", "pod-1")
        .containsEntry("POD_NAMESPACE", "ns")
        .containsEntry("POD_IP", "127.0.0.1")
        .containsEntry("SECRET", "s3cr3t")
        .containsEntry("GREETING", "pod-1 in ns, $(LATER) $(POD_NAME)")
        .containsEntry("LATER", "x");
  }

  @Test
  void shouldMapContainerPortsWildcardHostsAndMountPathsToLoopbackAndLocalDirs() {
    // When
    LoopbackPod pod = LoopbackPod.of(deployment(List.of("--flag")), "app", IMAGE, CTX);
    // Then
    assertThat(pod.env())
        .containsEntry("KAFSCALE_BROKER_ADDR", "127.0.0.1:40001")
        .containsEntry("KAFSCALE_METRICS_ADDR", "127.0.0.1:40002")
        .containsEntry("KAFSCALE_BROKER_PORT", "40001")
        .containsEntry("KAFSCALE_SHUTDOWN_TIMEOUT_MS", "9092")
        .containsEntry("KAFSCALE_DATA_DIR", "/tmp/vol/data")
        .containsEntry("KAFSCALE_S3_ENDPOINT", "http://minio:9092");
    assertThat(pod.workdir()).isEqualTo(Path.of("/tmp/vol/data"));
    assertThat(pod.command())
        .containsExactly(
            "/jdk/bin/java", "-XX:MaxRAM=1073741824", "-jar", "/build/app.jar", "--flag");
    assertThat(pod.probes())
        .containsExactly(
            new LoopbackPod.HttpProbe("readiness", "/readyz", 40002),
            new LoopbackPod.HttpProbe("liveness", "/healthz", 40002));
  }

  @Test
  void shouldRefuseAPodWhoseSecretKeyIsMissing() {
    // Given
    LoopbackPod.Context noSecret =
        new LoopbackPod.Context(
            "pod-1", "ns", CTX.localPorts(), CTX.volumeDirs(), Map.of(), CTX.imageFiles());
    // When / Then
    assertThatThrownBy(() -> LoopbackPod.of(deployment(List.of()), "app", IMAGE, noSecret))
        .hasMessageContaining("Secret creds has no key key");
  }

  private static Deployment deployment(List<String> args) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("d")
        .endMetadata()
        .withNewSpec()
        .withNewTemplate()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withArgs(args)
        .addNewPort()
        .withName("kafka")
        .withContainerPort(9092)
        .endPort()
        .addNewPort()
        .withName("admin")
        .withContainerPort(9093)
        .endPort()
        .addNewEnv()
        .withName("POD_NAME")
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath("metadata.name")
        .endFieldRef()
        .endValueFrom()
        .endEnv()
        .addNewEnv()
        .withName("POD_NAMESPACE")
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath("metadata.namespace")
        .endFieldRef()
        .endValueFrom()
        .endEnv()
        .addNewEnv()
        .withName("POD_IP")
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath("status.podIP")
        .endFieldRef()
        .endValueFrom()
        .endEnv()
        .addNewEnv()
        .withName("SECRET")
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName("creds")
        .withKey("key")
        .endSecretKeyRef()
        .endValueFrom()
        .endEnv()
        .addNewEnv()
        .withName("GREETING")
        .withValue("$(POD_NAME) in $(POD_NAMESPACE), $(LATER) $$(POD_NAME)")
        .endEnv()
        .addNewEnv()
        .withName("LATER")
        .withValue("x")
        .endEnv()
        .addNewEnv()
        .withName("KAFSCALE_METRICS_ADDR")
        .withValue("0.0.0.0:9093")
        .endEnv()
        .addNewEnv()
        .withName("KAFSCALE_BROKER_PORT")
        .withValue("9092")
        .endEnv()
        .addNewEnv()
        .withName("KAFSCALE_SHUTDOWN_TIMEOUT_MS")
        .withValue("9092")
        .endEnv()
        .addNewEnv()
        .withName("KAFSCALE_S3_ENDPOINT")
        .withValue("http://minio:9092")
        .endEnv()
        .addNewVolumeMount()
        .withName("data")
        .withMountPath("/data")
        .endVolumeMount()
        .withNewResources()
        .addToLimits("memory", new Quantity("1Gi"))
        .endResources()
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withPath("/readyz")
        .withPort(new IntOrString("admin"))
        .endHttpGet()
        .endReadinessProbe()
        .withNewLivenessProbe()
        .withNewHttpGet()
        .withPath("/healthz")
        .withPort(new IntOrString(9093))
        .endHttpGet()
        .endLivenessProbe()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
