/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.model;

import static io.kafscale.operator.model.ClusterDefaults.or;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Builds the managed etcd: a StatefulSet of members with their own volumes, the headless peer
 * Service giving each member a stable DNS name, the client Service and a PodDisruptionBudget that
 * keeps quorum during voluntary evictions. Pure.
 */
public final class EtcdModel {
  public static final String COMPONENT = "etcd";

  private EtcdModel() {}

  public static StatefulSet statefulSet(KafscaleCluster c) {
    KafscaleClusterSpec.ManagedEtcd m = ClusterDefaults.managed(c);
    String peers = ClusterDefaults.etcdName(c);
    String domain = peers + "." + ClusterDefaults.namespace(c) + ".svc";
    int replicas = ClusterDefaults.etcdReplicas(c);
    String initialCluster =
        IntStream.range(0, replicas)
            .mapToObj(i -> peers + "-" + i + "=http://" + peers + "-" + i + "." + domain + ":2380")
            .collect(Collectors.joining(","));
    List<String> args = new ArrayList<>();
    args.add("--name=$(POD_NAME)");
    args.add("--data-dir=/var/lib/etcd/data");
    args.add("--listen-client-urls=http://0.0.0.0:" + ClusterDefaults.ETCD_CLIENT_PORT);
    args.add("--advertise-client-urls=http://$(POD_NAME)." + domain + ":2379");
    args.add("--listen-peer-urls=http://0.0.0.0:" + ClusterDefaults.ETCD_PEER_PORT);
    args.add("--initial-advertise-peer-urls=http://$(POD_NAME)." + domain + ":2380");
    args.add("--initial-cluster=" + initialCluster);
    args.add("--initial-cluster-state=new");
    args.add("--initial-cluster-token=" + ClusterDefaults.namespace(c) + "-" + peers);
    // Bounded history and a backend quota: brokers write often (offsets, leases).
    args.add("--auto-compaction-mode=periodic");
    args.add("--auto-compaction-retention=1h");
    args.add("--quota-backend-bytes=4294967296");
    return new StatefulSetBuilder()
        .withMetadata(Meta.of(c, peers, COMPONENT))
        .withNewSpec()
        .withReplicas(replicas)
        .withServiceName(peers)
        // Members must all start to form the first quorum.
        .withPodManagementPolicy("Parallel")
        .withNewSelector()
        .withMatchLabels(Labels.selector(c, COMPONENT))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Labels.of(c, COMPONENT))
        .endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser((long) ClusterDefaults.RUN_AS_USER)
        .withFsGroup((long) ClusterDefaults.RUN_AS_USER)
        .endSecurityContext()
        // Members on different nodes and zones so one failure costs at most one vote; preferred,
        // not required, so small clusters (or one zone) still schedule.
        .withNewAffinity()
        .withNewPodAntiAffinity()
        .addNewPreferredDuringSchedulingIgnoredDuringExecution()
        .withWeight(100)
        .withNewPodAffinityTerm()
        .withTopologyKey("kubernetes.io/hostname")
        .withNewLabelSelector()
        .withMatchLabels(Labels.selector(c, COMPONENT))
        .endLabelSelector()
        .endPodAffinityTerm()
        .endPreferredDuringSchedulingIgnoredDuringExecution()
        .endPodAntiAffinity()
        .endAffinity()
        .addNewTopologySpreadConstraint()
        .withTopologyKey("topology.kubernetes.io/zone")
        .withMaxSkew(1)
        .withWhenUnsatisfiable("ScheduleAnyway")
        .withNewLabelSelector()
        .withMatchLabels(Labels.selector(c, COMPONENT))
        .endLabelSelector()
        .endTopologySpreadConstraint()
        .addNewContainer()
        .withName("etcd")
        .withImage(or(m.image, ClusterDefaults.ETCD_IMAGE))
        .withCommand("etcd")
        .withArgs(args)
        .withResources(resources(m.resources))
        .addNewEnv()
        .withName("POD_NAME")
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath("metadata.name")
        .endFieldRef()
        .endValueFrom()
        .endEnv()
        .addNewPort()
        .withName("client")
        .withContainerPort(ClusterDefaults.ETCD_CLIENT_PORT)
        .endPort()
        .addNewPort()
        .withName("peer")
        .withContainerPort(ClusterDefaults.ETCD_PEER_PORT)
        .endPort()
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withPath("/health")
        .withPort(new IntOrString("client"))
        .endHttpGet()
        .withPeriodSeconds(5)
        .endReadinessProbe()
        .withNewLivenessProbe()
        .withNewTcpSocket()
        .withPort(new IntOrString("client"))
        .endTcpSocket()
        .withPeriodSeconds(10)
        .withFailureThreshold(6)
        .endLivenessProbe()
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .endSecurityContext()
        .addNewVolumeMount()
        .withName("data")
        .withMountPath("/var/lib/etcd")
        .endVolumeMount()
        .endContainer()
        .endSpec()
        .endTemplate()
        .addNewVolumeClaimTemplate()
        .withNewMetadata()
        .withName("data")
        .withLabels(Labels.of(c, COMPONENT))
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withStorageClassName(m.storageClassName)
        .withNewResources()
        .withRequests(Map.of("storage", new Quantity(or(m.storageSize, "10Gi"))))
        .endResources()
        .endSpec()
        .endVolumeClaimTemplate()
        .endSpec()
        .build();
  }

  /** The spec's resources, or requests sized for a small metadata store with a memory limit. */
  static ResourceRequirements resources(KafscaleClusterSpec.Resources r) {
    if (r != null) {
      return BrokerDeploymentModel.resources(r);
    }
    return new ResourceRequirementsBuilder()
        .withRequests(
            new java.util.TreeMap<>(
                Map.of("cpu", new Quantity("200m"), "memory", new Quantity("512Mi"))))
        .withLimits(Map.of("memory", new Quantity("512Mi")))
        .build();
  }

  /** Headless Service for peer traffic; lists members before they are ready so they can meet. */
  public static Service peerService(KafscaleCluster c) {
    return new ServiceBuilder()
        .withMetadata(Meta.of(c, ClusterDefaults.etcdName(c), COMPONENT))
        .withNewSpec()
        .withClusterIP("None")
        .withPublishNotReadyAddresses(true)
        .withSelector(Labels.selector(c, COMPONENT))
        .withPorts(
            BrokerServiceModel.port("client", ClusterDefaults.ETCD_CLIENT_PORT),
            BrokerServiceModel.port("peer", ClusterDefaults.ETCD_PEER_PORT))
        .endSpec()
        .build();
  }

  public static Service clientService(KafscaleCluster c) {
    return new ServiceBuilder()
        .withMetadata(Meta.of(c, ClusterDefaults.etcdClientName(c), COMPONENT))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(Labels.selector(c, COMPONENT))
        .withPorts(BrokerServiceModel.port("client", ClusterDefaults.ETCD_CLIENT_PORT))
        .endSpec()
        .build();
  }

  /**
   * At most one member evicted at a time: 3 (or 5) members keep quorum. With a single member this
   * still allows its eviction (a short metadata outage) rather than blocking every node drain.
   */
  public static PodDisruptionBudget disruptionBudget(KafscaleCluster c) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(Meta.of(c, ClusterDefaults.etcdName(c), COMPONENT))
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector()
        .withMatchLabels(Labels.selector(c, COMPONENT))
        .endSelector()
        .endSpec()
        .build();
  }
}
