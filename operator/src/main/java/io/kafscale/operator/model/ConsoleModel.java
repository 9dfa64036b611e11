/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.model;

import static io.kafscale.operator.model.ClusterDefaults.or;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Builds the optional console: Deployment, Service, Ingress and (above one replica) a
 * PodDisruptionBudget, only when the spec enables it. The console is configured as
 * docs/console-configuration.md says: the brokers' bootstrap Service and admin port, the login from
 * the credentials Secret by reference, the console's own Kafka principal ({@link
 * ConsoleKafkaModel}), and etcd exactly as the brokers reach it (same variables, same TLS Secret
 * mount) for its read-only metadata views. Pure.
 */
public final class ConsoleModel {
  public static final String COMPONENT = "console";
  public static final String CONTAINER = "console";

  /** Secret keys read when the spec names none. */
  public static final String USERNAME_KEY = "username";

  public static final String PASSWORD_KEY = "password";

  /** Default container resources: the console is one small JVM with a few Kafka clients. */
  static final String CPU_REQUEST = "100m";

  static final String MEMORY = "384Mi";

  private ConsoleModel() {}

  private static KafscaleClusterSpec.Console spec(KafscaleCluster c) {
    return ClusterDefaults.spec(c).console;
  }

  /** The console's HTTP port, in the pod and on its Service. */
  public static int port(KafscaleCluster c) {
    return or(spec(c).port, ClusterDefaults.CONSOLE_PORT);
  }

  private static int replicas(KafscaleCluster c) {
    return or(spec(c).replicas, 1);
  }

  /** The bootstrap address the console's Kafka clients use ({@link ConsoleKafkaModel}). */
  public static String bootstrapServers(KafscaleCluster c) {
    return ConsoleKafkaModel.bootstrapServers(c);
  }

  public static Optional<Deployment> deployment(KafscaleCluster c) {
    if (!ClusterDefaults.console(c)) {
      return Optional.empty();
    }
    List<Volume> volumes = new ArrayList<>();
    // Kafka's compression codecs (snappy, zstd) unpack native libraries into java.io.tmpdir when
    // the message browser reads compressed batches: the read-only root needs a writable /tmp.
    volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
    BrokerDeploymentModel.etcdTlsVolume(c).ifPresent(volumes::add);
    ConsoleKafkaModel.caVolume(c).ifPresent(volumes::add);
    return Optional.of(
        new DeploymentBuilder()
            .withMetadata(Meta.of(c, ClusterDefaults.consoleName(c), COMPONENT))
            .withNewSpec()
            .withReplicas(replicas(c))
            .withNewSelector()
            .withMatchLabels(Labels.selector(c, COMPONENT))
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(Labels.of(c, COMPONENT))
            .endMetadata()
            .withNewSpec()
            // The console never calls the Kubernetes API.
            .withAutomountServiceAccountToken(false)
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withRunAsUser((long) ClusterDefaults.RUN_AS_USER)
            .withRunAsGroup((long) ClusterDefaults.RUN_AS_USER)
            .withFsGroup((long) ClusterDefaults.RUN_AS_USER)
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .endSecurityContext()
            .withContainers(container(c))
            .withVolumes(volumes)
            .endSpec()
            .endTemplate()
            .endSpec()
            .build());
  }

  private static Container container(KafscaleCluster c) {
    KafscaleClusterSpec.Console s = spec(c);
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
    BrokerDeploymentModel.etcdTlsMount(c).ifPresent(mounts::add);
    ConsoleKafkaModel.caMount(c).ifPresent(mounts::add);
    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(or(s.image, ClusterDefaults.CONSOLE_IMAGE))
        .withImagePullPolicy("IfNotPresent")
        .withPorts(
            new ContainerPortBuilder()
                .withName("http")
                .withContainerPort(port(c))
                .withProtocol("TCP")
                .build())
        .withEnv(env(c))
        .withResources(BrokerDeploymentModel.resources(s.resources, CPU_REQUEST, MEMORY))
        .withStartupProbe(probe("/healthz", 2, 30, 2))
        // Ready while it serves HTTP: when the brokers are down the UI must stay up to say so.
        .withReadinessProbe(probe("/healthz", 5, 3, 3))
        .withLivenessProbe(probe("/healthz", 10, 6, 2))
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .withVolumeMounts(mounts)
        .build();
  }

  /** The console's environment (docs/console-configuration.md). */
  static List<EnvVar> env(KafscaleCluster c) {
    KafscaleClusterSpec.Console s = spec(c);
    List<EnvVar> env = new ArrayList<>();
    env.add(BrokerEnvModel.value("KAFSCALE_CONSOLE_ADDR", "0.0.0.0:" + port(c)));
    env.add(BrokerEnvModel.value("KAFSCALE_CONSOLE_BOOTSTRAP_SERVERS", bootstrapServers(c)));
    KafscaleClusterSpec.ConsoleCredentialsSecretRef ref = s.credentialsSecretRef;
    if (ref != null) {
      // Without a ref the CRD refuses the spec; the console itself would exit with status 2.
      env.add(
          BrokerEnvModel.secret(
              "KAFSCALE_CONSOLE_USERNAME", ref.name, or(ref.usernameKey, USERNAME_KEY)));
      env.add(
          BrokerEnvModel.secret(
              "KAFSCALE_CONSOLE_PASSWORD", ref.name, or(ref.passwordKey, PASSWORD_KEY)));
    }
    env.add(BrokerEnvModel.value("KAFSCALE_CONSOLE_READ_ONLY", or(s.readOnly, Boolean.FALSE)));
    env.add(
        BrokerEnvModel.value("KAFSCALE_CONSOLE_BROKER_ADMIN_PORT", ClusterDefaults.adminPort(c)));
    env.addAll(ConsoleKafkaModel.env(c));
    env.addAll(BrokerEnvModel.etcd(c));
    env.add(BrokerEnvModel.value("JAVA_TOOL_OPTIONS", ClusterDefaults.JVM_OPTIONS));
    return env;
  }

  private static Probe probe(String path, int periodSeconds, int failureThreshold, int timeout) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString("http"))
        .endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(timeout)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  /** Keeps one console pod up during voluntary evictions; only with more than one replica. */
  public static Optional<PodDisruptionBudget> disruptionBudget(KafscaleCluster c) {
    if (!ClusterDefaults.console(c) || replicas(c) <= 1) {
      return Optional.empty();
    }
    return Optional.of(
        new PodDisruptionBudgetBuilder()
            .withMetadata(Meta.of(c, ClusterDefaults.consoleName(c), COMPONENT))
            .withNewSpec()
            .withMaxUnavailable(new IntOrString(1))
            .withNewSelector()
            .withMatchLabels(Labels.selector(c, COMPONENT))
            .endSelector()
            .endSpec()
            .build());
  }

  public static Optional<Service> service(KafscaleCluster c) {
    if (!ClusterDefaults.console(c)) {
      return Optional.empty();
    }
    KafscaleClusterSpec.ServiceSpec s = or(spec(c).service, new KafscaleClusterSpec.ServiceSpec());
    ObjectMeta meta = Meta.of(c, ClusterDefaults.consoleName(c), COMPONENT);
    meta.setAnnotations(s.annotations == null ? null : new LinkedHashMap<>(s.annotations));
    return Optional.of(
        new ServiceBuilder()
            .withMetadata(meta)
            .withNewSpec()
            .withType(or(s.type, "ClusterIP"))
            .withSelector(Labels.selector(c, COMPONENT))
            .withPorts(BrokerServiceModel.port("http", port(c)))
            .endSpec()
            .build());
  }

  public static Optional<Ingress> ingress(KafscaleCluster c) {
    if (!ClusterDefaults.console(c)
        || spec(c).ingress == null
        || !Boolean.TRUE.equals(spec(c).ingress.enabled)) {
      return Optional.empty();
    }
    KafscaleClusterSpec.Ingress in = spec(c).ingress;
    ObjectMeta meta = Meta.of(c, ClusterDefaults.consoleName(c), COMPONENT);
    meta.setAnnotations(in.annotations == null ? null : new LinkedHashMap<>(in.annotations));
    return Optional.of(
        new IngressBuilder()
            .withMetadata(meta)
            .withNewSpec()
            .withIngressClassName(in.className)
            .addNewRule()
            .withHost(in.host)
            .withNewHttp()
            .addNewPath()
            .withPath("/")
            .withPathType("Prefix")
            .withNewBackend()
            .withNewService()
            .withName(ClusterDefaults.consoleName(c))
            .withNewPort()
            .withName("http")
            .endPort()
            .endService()
            .endBackend()
            .endPath()
            .endHttp()
            .endRule()
            .endSpec()
            .build());
  }
}
