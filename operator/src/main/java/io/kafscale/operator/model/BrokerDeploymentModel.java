/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.model;

import static io.kafscale.operator.model.ClusterDefaults.or;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the broker Deployment of a cluster: stateless pods (ids come from etcd), probes on the
 * admin port, a grace period covering the broker's drain, non-root and read-only, spread across
 * zones. Replicas are left unset while an autoscaler owns them. Pure.
 */
public final class BrokerDeploymentModel {
  public static final String COMPONENT = "broker";
  public static final String CONTAINER = "broker";

  private BrokerDeploymentModel() {}

  /** The Deployment with {@link ClusterDefaults#BROKER_IMAGE} when the spec names no image. */
  public static Deployment build(KafscaleCluster c) {
    return build(c, ClusterDefaults.BROKER_IMAGE);
  }

  /** The Deployment with {@code defaultImage} when the spec names no image. */
  public static Deployment build(KafscaleCluster c, String defaultImage) {
    Map<String, String> podLabels = new LinkedHashMap<>();
    KafscaleClusterSpec.Brokers b = ClusterDefaults.brokers(c);
    if (b.podLabels != null) {
      podLabels.putAll(b.podLabels);
    }
    podLabels.putAll(Labels.of(c, COMPONENT));
    return new DeploymentBuilder()
        .withMetadata(Meta.of(c, ClusterDefaults.brokerName(c), COMPONENT))
        .withNewSpec()
        .withReplicas(ClusterDefaults.autoscaling(c) ? null : ClusterDefaults.replicas(c))
        .withNewSelector()
        .withMatchLabels(Labels.selector(c, COMPONENT))
        .endSelector()
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        // One broker drains at a time; a surge pod takes partitions before the old one leaves.
        .withMaxSurge(new IntOrString(1))
        .withMaxUnavailable(new IntOrString(0))
        .endRollingUpdate()
        .endStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(podLabels)
        .withAnnotations(b.podAnnotations == null ? null : new LinkedHashMap<>(b.podAnnotations))
        .endMetadata()
        .withSpec(podSpec(c, b, defaultImage))
        .endTemplate()
        .endSpec()
        .build();
  }

  private static PodSpec podSpec(
      KafscaleCluster c, KafscaleClusterSpec.Brokers b, String defaultImage) {
    PodSpecBuilder pod =
        new PodSpecBuilder()
            .withServiceAccountName(b.serviceAccountName)
            // The broker never calls the API server; a token is mounted only when a service
            // account is named (IRSA / Pod Identity read the projected token, not this one).
            .withAutomountServiceAccountToken(false)
            .withTerminationGracePeriodSeconds(ClusterDefaults.terminationGracePeriodSeconds(c))
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withRunAsUser((long) ClusterDefaults.RUN_AS_USER)
            .withRunAsGroup((long) ClusterDefaults.RUN_AS_USER)
            .withFsGroup((long) ClusterDefaults.RUN_AS_USER)
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .endSecurityContext()
            .withContainers(container(c, b, defaultImage))
            .withVolumes(volumes(c))
            .withNodeSelector(b.nodeSelector == null ? null : new LinkedHashMap<>(b.nodeSelector))
            .withTolerations(tolerations(b))
            .withTopologySpreadConstraints(spread(c, b));
    if (ClusterDefaults.external(c) || ListenerModel.anyHostPort(c)) {
      // Host ports: two brokers on one node would collide, so one broker per node.
      pod.withNewAffinity()
          .withNewPodAntiAffinity()
          .addNewRequiredDuringSchedulingIgnoredDuringExecution()
          .withTopologyKey("kubernetes.io/hostname")
          .withNewLabelSelector()
          .withMatchLabels(Labels.selector(c, COMPONENT))
          .endLabelSelector()
          .endRequiredDuringSchedulingIgnoredDuringExecution()
          .endPodAntiAffinity()
          .endAffinity();
    }
    return pod.build();
  }

  private static Container container(
      KafscaleCluster c, KafscaleClusterSpec.Brokers b, String defaultImage) {
    List<ContainerPort> ports = new ArrayList<>(kafkaPorts(c));
    ports.add(
        new ContainerPortBuilder()
            .withName("admin")
            .withContainerPort(ClusterDefaults.adminPort(c))
            .withProtocol("TCP")
            .build());
    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(or(b.image, defaultImage))
        .withImagePullPolicy(or(b.imagePullPolicy, "IfNotPresent"))
        .withPorts(ports)
        .withEnv(BrokerEnvModel.build(c))
        .withResources(resources(b.resources))
        .withStartupProbe(probe("/healthz", 2, 60))
        .withReadinessProbe(probe("/readyz", 5, 3))
        .withLivenessProbe(probe("/healthz", 10, 6))
        .withNewLifecycle()
        .withNewPreStop()
        // exec, not the sleep handler: that one needs Kubernetes 1.30 and the chart supports
        // 1.25. The broker image (a Debian/Ubuntu JRE base) ships coreutils' /bin/sleep.
        .withNewExec()
        .withCommand("/bin/sleep", String.valueOf(ClusterDefaults.PRE_STOP_SECONDS))
        .endExec()
        .endPreStop()
        .endLifecycle()
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .withVolumeMounts(mounts(c))
        .build();
  }

  /** The single legacy listener's port, or one port per named listener. */
  private static List<ContainerPort> kafkaPorts(KafscaleCluster c) {
    if (ListenerModel.enabled(c)) {
      return ListenerModel.containerPorts(c);
    }
    ContainerPortBuilder kafka =
        new ContainerPortBuilder()
            .withName(ListenerModel.KAFKA_PORT_NAME)
            .withContainerPort(ClusterDefaults.kafkaPort(c))
            .withProtocol("TCP");
    if (ClusterDefaults.external(c)) {
      kafka.withHostPort(ClusterDefaults.externalPort(c));
    }
    return List.of(kafka.build());
  }

  private static Probe probe(String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString("admin"))
        .endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(2)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  static ResourceRequirements resources(KafscaleClusterSpec.Resources r) {
    return resources(r, "500m", "1Gi");
  }

  /**
   * The spec's requests and limits, or when it has none these defaults: {@code cpu} requested,
   * {@code memory} requested and as the limit (the JVM sizes its heap from the limit).
   */
  static ResourceRequirements resources(
      KafscaleClusterSpec.Resources r, String cpu, String memory) {
    Map<String, Quantity> requests = new LinkedHashMap<>();
    Map<String, Quantity> limits = new LinkedHashMap<>();
    if (r == null) {
      requests.put("cpu", new Quantity(cpu));
      requests.put("memory", new Quantity(memory));
      limits.put("memory", new Quantity(memory));
    } else {
      copy(r.requests, requests);
      copy(r.limits, limits);
    }
    return new ResourceRequirementsBuilder()
        .withRequests(requests.isEmpty() ? null : requests)
        .withLimits(limits.isEmpty() ? null : limits)
        .build();
  }

  private static void copy(Map<String, IntOrString> from, Map<String, Quantity> to) {
    if (from != null) {
      from.forEach(
          (k, v) ->
              to.put(k, new Quantity(v.getStrVal() != null ? v.getStrVal() : "" + v.getIntVal())));
    }
  }

  private static List<Toleration> tolerations(KafscaleClusterSpec.Brokers b) {
    if (b.tolerations == null) {
      return null;
    }
    return b.tolerations.stream()
        .map(
            t ->
                new TolerationBuilder()
                    .withKey(t.key)
                    .withOperator(t.operator)
                    .withValue(t.value)
                    .withEffect(t.effect)
                    .withTolerationSeconds(t.tolerationSeconds)
                    .build())
        .toList();
  }

  private static List<TopologySpreadConstraint> spread(
      KafscaleCluster c, KafscaleClusterSpec.Brokers b) {
    KafscaleClusterSpec.TopologySpread ts =
        or(b.topologySpread, new KafscaleClusterSpec.TopologySpread());
    if (Boolean.FALSE.equals(ts.enabled)) {
      return null;
    }
    List<TopologySpreadConstraint> list = new ArrayList<>();
    list.add(
        constraint(
            c,
            or(ts.topologyKey, "topology.kubernetes.io/zone"),
            or(ts.maxSkew, 1),
            or(ts.whenUnsatisfiable, "ScheduleAnyway")));
    list.add(constraint(c, "kubernetes.io/hostname", 1, "ScheduleAnyway"));
    return list;
  }

  private static TopologySpreadConstraint constraint(
      KafscaleCluster c, String key, int skew, String when) {
    return new TopologySpreadConstraintBuilder()
        .withTopologyKey(key)
        .withMaxSkew(skew)
        .withWhenUnsatisfiable(when)
        .withNewLabelSelector()
        .withMatchLabels(Labels.selector(c, COMPONENT))
        .endLabelSelector()
        .build();
  }

  private static List<Volume> volumes(KafscaleCluster c) {
    List<Volume> v = new ArrayList<>();
    v.add(new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build());
    v.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
    etcdTlsVolume(c).ifPresent(v::add);
    v.addAll(SecurityModel.volumes(c));
    return v;
  }

  private static List<VolumeMount> mounts(KafscaleCluster c) {
    List<VolumeMount> m = new ArrayList<>();
    m.add(
        new VolumeMountBuilder().withName("data").withMountPath(ClusterDefaults.DATA_DIR).build());
    m.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
    etcdTlsMount(c).ifPresent(m::add);
    m.addAll(SecurityModel.mounts(c));
    return m;
  }

  /** The external etcd's TLS Secret as a volume, for every pod that talks to etcd. */
  static Optional<Volume> etcdTlsVolume(KafscaleCluster c) {
    return etcdTlsSecret(c)
        .map(
            tls ->
                new VolumeBuilder()
                    .withName("etcd-tls")
                    .withNewSecret()
                    .withSecretName(tls)
                    .endSecret()
                    .build());
  }

  /** Where {@link #etcdTlsVolume} is mounted: the files the etcd TLS variables name. */
  static Optional<VolumeMount> etcdTlsMount(KafscaleCluster c) {
    return etcdTlsSecret(c)
        .map(
            tls ->
                new VolumeMountBuilder()
                    .withName("etcd-tls")
                    .withMountPath(BrokerEnvModel.ETCD_TLS_DIR)
                    .withReadOnly(true)
                    .build());
  }

  private static Optional<String> etcdTlsSecret(KafscaleCluster c) {
    KafscaleClusterSpec.Etcd e = ClusterDefaults.spec(c).etcd;
    return ClusterDefaults.managedEtcd(c) || e.tlsSecretRef == null
        ? Optional.empty()
        : Optional.of(e.tlsSecretRef.name);
  }
}
