/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.model;

import static io.kafscale.operator.model.ClusterDefaults.or;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Builds the broker Services: the bootstrap Service clients start from, the headless Service
 * listing every pod (ready or not: brokers find each other through etcd, tools through DNS), and
 * the optional external bootstrap Service. Pure.
 */
public final class BrokerServiceModel {
  private BrokerServiceModel() {}

  public static Service bootstrap(KafscaleCluster c) {
    KafscaleClusterSpec.ServiceSpec s =
        or(ClusterDefaults.brokers(c).service, new KafscaleClusterSpec.ServiceSpec());
    ObjectMeta meta = Meta.of(c, ClusterDefaults.brokerName(c), BrokerDeploymentModel.COMPONENT);
    meta.setAnnotations(s.annotations == null ? null : new LinkedHashMap<>(s.annotations));
    return new ServiceBuilder()
        .withMetadata(meta)
        .withNewSpec()
        .withType(or(s.type, "ClusterIP"))
        .withSelector(Labels.selector(c, BrokerDeploymentModel.COMPONENT))
        .withPorts(ports(c))
        .endSpec()
        .build();
  }

  public static Service headless(KafscaleCluster c) {
    return new ServiceBuilder()
        .withMetadata(Meta.of(c, ClusterDefaults.headlessName(c), BrokerDeploymentModel.COMPONENT))
        .withNewSpec()
        .withClusterIP("None")
        .withPublishNotReadyAddresses(true)
        .withSelector(Labels.selector(c, BrokerDeploymentModel.COMPONENT))
        .withPorts(ports(c))
        .endSpec()
        .build();
  }

  /** The external bootstrap Service, or empty when external access is off. */
  public static Optional<Service> external(KafscaleCluster c) {
    if (!ClusterDefaults.external(c)) {
      return Optional.empty();
    }
    KafscaleClusterSpec.External e = ClusterDefaults.brokers(c).external;
    ObjectMeta meta = Meta.of(c, ClusterDefaults.externalName(c), BrokerDeploymentModel.COMPONENT);
    meta.setAnnotations(e.annotations == null ? null : new LinkedHashMap<>(e.annotations));
    String type = or(e.serviceType, "LoadBalancer");
    return Optional.of(
        new ServiceBuilder()
            .withMetadata(meta)
            .withNewSpec()
            .withType(type)
            .withExternalTrafficPolicy("Local")
            .withLoadBalancerSourceRanges(
                "LoadBalancer".equals(type) ? e.loadBalancerSourceRanges : null)
            .withSelector(Labels.selector(c, BrokerDeploymentModel.COMPONENT))
            .withPorts(
                new ServicePortBuilder()
                    .withName("kafka")
                    .withPort(ClusterDefaults.externalPort(c))
                    .withTargetPort(new IntOrString("kafka"))
                    .withProtocol("TCP")
                    .build())
            .endSpec()
            .build());
  }

  /** The "kafka" port, every other named listener's port, then the admin port. */
  private static List<ServicePort> ports(KafscaleCluster c) {
    List<ServicePort> ports = new ArrayList<>();
    ports.add(port(ListenerModel.KAFKA_PORT_NAME, ClusterDefaults.kafkaPort(c)));
    ports.addAll(ListenerModel.extraServicePorts(c));
    ports.add(port("admin", ClusterDefaults.adminPort(c)));
    return ports;
  }

  static ServicePort port(String name, int port) {
    return new ServicePortBuilder()
        .withName(name)
        .withPort(port)
        .withTargetPort(new IntOrString(name))
        .withProtocol("TCP")
        .build();
  }
}
