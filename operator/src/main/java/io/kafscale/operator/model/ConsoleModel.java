/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.model;

import static io.kafscale.operator.model.ClusterDefaults.or;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Builds the optional console Deployment, Service and Ingress (only when the spec enables them).
 * Pure.
 */
public final class ConsoleModel {
  public static final String COMPONENT = "console";

  private ConsoleModel() {}

  private static KafscaleClusterSpec.Console spec(KafscaleCluster c) {
    return ClusterDefaults.spec(c).console;
  }

  private static int port(KafscaleCluster c) {
    return or(spec(c).port, ClusterDefaults.CONSOLE_PORT);
  }

  public static Optional<Deployment> deployment(KafscaleCluster c) {
    if (!ClusterDefaults.console(c)) {
      return Optional.empty();
    }
    KafscaleClusterSpec.Console s = spec(c);
    String bootstrap =
        ClusterDefaults.brokerName(c)
            + "."
            + ClusterDefaults.namespace(c)
            + ".svc:"
            + ClusterDefaults.kafkaPort(c);
    return Optional.of(
        new DeploymentBuilder()
            .withMetadata(Meta.of(c, ClusterDefaults.consoleName(c), COMPONENT))
            .withNewSpec()
            .withReplicas(or(s.replicas, 1))
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
            .endSecurityContext()
            .addNewContainer()
            .withName("console")
            .withImage(or(s.image, ClusterDefaults.CONSOLE_IMAGE))
            .addNewPort()
            .withName("http")
            .withContainerPort(port(c))
            .endPort()
            .withEnv(
                BrokerEnvModel.value("KAFSCALE_CONSOLE_HTTP_ADDR", ":" + port(c)),
                BrokerEnvModel.value(
                    "KAFSCALE_CONSOLE_ETCD_ENDPOINTS", ClusterDefaults.etcdEndpoints(c)),
                BrokerEnvModel.value("KAFSCALE_CONSOLE_BOOTSTRAP_SERVERS", bootstrap))
            .withNewReadinessProbe()
            .withNewHttpGet()
            .withPath("/healthz")
            .withPort(new IntOrString("http"))
            .endHttpGet()
            .endReadinessProbe()
            .withNewSecurityContext()
            .withAllowPrivilegeEscalation(false)
            .withReadOnlyRootFilesystem(true)
            .withNewCapabilities()
            .withDrop("ALL")
            .endCapabilities()
            .endSecurityContext()
            .endContainer()
            .endSpec()
            .endTemplate()
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
