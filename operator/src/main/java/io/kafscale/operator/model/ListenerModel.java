/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.model;

import static io.kafscale.operator.model.ClusterDefaults.or;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import io.kafscale.operator.crd.KafscaleClusterSpec.Listener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The named listeners of {@code spec.security.listeners} as Kubernetes objects: container ports,
 * the ports of the bootstrap and headless Services, per-listener Services, and the listener
 * variables of the broker. The inter-broker (PLAINTEXT) listener's port keeps the name {@code
 * kafka}, so everything that targets that port (bootstrap Service, the console unless {@code
 * spec.console.kafka} names another listener, status endpoint) uses the unauthenticated in-cluster
 * listener; the others are named {@code k-<listener>}. Without listeners every method answers as
 * for the single legacy listener (nothing extra). Pure.
 */
public final class ListenerModel {
  /** Port name of the inter-broker listener (and of the legacy single listener). */
  public static final String KAFKA_PORT_NAME = "kafka";

  private ListenerModel() {}

  /** True when the spec names listeners (otherwise the broker's single PLAINTEXT listener). */
  public static boolean enabled(KafscaleCluster c) {
    KafscaleClusterSpec.Security s = ClusterDefaults.spec(c).security;
    return s != null && s.listeners != null && !s.listeners.isEmpty();
  }

  /** The listeners of the spec (empty without). */
  public static List<Listener> listeners(KafscaleCluster c) {
    return enabled(c) ? ClusterDefaults.spec(c).security.listeners : List.of();
  }

  /**
   * The listener brokers and the console use: the named one, else the first PLAINTEXT listener (the
   * CRD guarantees one exists), else the first.
   */
  public static Listener interBroker(KafscaleCluster c) {
    String named = ClusterDefaults.spec(c).security.interBrokerListener;
    List<Listener> all = listeners(c);
    return all.stream()
        .filter(l -> named == null ? "PLAINTEXT".equals(l.protocol) : named.equals(l.name))
        .findFirst()
        .orElse(all.get(0));
  }

  /** The container/Service port name of a listener. */
  public static String portName(KafscaleCluster c, Listener l) {
    return l.name.equals(interBroker(c).name) ? KAFKA_PORT_NAME : "k-" + dnsName(l);
  }

  /** The listener name as a DNS label part: lower case, underscores as hyphens. */
  static String dnsName(Listener l) {
    return l.name.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static int advertisedPort(Listener l) {
    return or(l.advertisedPort, l.port);
  }

  static boolean hostPort(Listener l) {
    return Boolean.TRUE.equals(l.hostPort);
  }

  /** True when a listener binds a host port: brokers must then run one per node. */
  public static boolean anyHostPort(KafscaleCluster c) {
    return listeners(c).stream().anyMatch(ListenerModel::hostPort);
  }

  /** One container port per listener (the host port too when asked). */
  static List<ContainerPort> containerPorts(KafscaleCluster c) {
    return listeners(c).stream()
        .map(
            l ->
                new ContainerPortBuilder()
                    .withName(portName(c, l))
                    .withContainerPort(l.port)
                    .withHostPort(hostPort(l) ? advertisedPort(l) : null)
                    .withProtocol("TCP")
                    .build())
        .toList();
  }

  /** The Service ports of the listeners other than the inter-broker one (the "kafka" port). */
  static List<ServicePort> extraServicePorts(KafscaleCluster c) {
    String inter = enabled(c) ? interBroker(c).name : null;
    return listeners(c).stream()
        .filter(l -> !l.name.equals(inter))
        .map(l -> BrokerServiceModel.port(portName(c, l), l.port))
        .toList();
  }

  /** {cluster}-kafka-{listener}: a prefix no other owned object uses, whatever the listener. */
  public static String serviceName(KafscaleCluster c, Listener l) {
    return serviceNamePrefix(c) + dnsName(l);
  }

  public static String serviceNamePrefix(KafscaleCluster c) {
    return ClusterDefaults.name(c) + "-kafka-";
  }

  /** The extra Services of the listeners that ask for one. */
  public static List<Service> services(KafscaleCluster c) {
    return listeners(c).stream().filter(l -> l.service != null).map(l -> service(c, l)).toList();
  }

  private static Service service(KafscaleCluster c, Listener l) {
    KafscaleClusterSpec.ListenerService s = l.service;
    ObjectMeta meta = Meta.of(c, serviceName(c, l), BrokerDeploymentModel.COMPONENT);
    meta.setAnnotations(s.annotations == null ? null : new LinkedHashMap<>(s.annotations));
    String type = or(s.type, "ClusterIP");
    return new ServiceBuilder()
        .withMetadata(meta)
        .withNewSpec()
        .withType(type)
        // Host-port listeners: keep the client's source address and the node's own broker.
        .withExternalTrafficPolicy(!"ClusterIP".equals(type) && hostPort(l) ? "Local" : null)
        .withLoadBalancerSourceRanges(
            "LoadBalancer".equals(type) ? s.loadBalancerSourceRanges : null)
        .withSelector(Labels.selector(c, BrokerDeploymentModel.COMPONENT))
        .withPorts(
            new ServicePortBuilder()
                .withName(portName(c, l))
                .withPort(advertisedPort(l))
                .withTargetPort(new IntOrString(portName(c, l)))
                .withProtocol("TCP")
                .build())
        .endSpec()
        .build();
  }

  /** KAFSCALE_LISTENERS: every listener bound on all interfaces. */
  static String listenersValue(KafscaleCluster c) {
    return join(c, l -> l.name + "://0.0.0.0:" + l.port);
  }

  /** KAFSCALE_LISTENER_SECURITY_PROTOCOL_MAP. */
  static String protocolMapValue(KafscaleCluster c) {
    return join(c, l -> l.name + ":" + l.protocol);
  }

  /**
   * KAFSCALE_ADVERTISED_LISTENERS: per-pod templates the kubelet expands from POD_IP, NODE_NAME and
   * HOST_IP (defined before it in the container's environment).
   */
  static String advertisedValue(KafscaleCluster c) {
    return join(
        c,
        l ->
            l.name
                + "://"
                + or(l.advertisedHost, hostPort(l) ? "$(HOST_IP)" : "$(POD_IP)")
                + ":"
                + advertisedPort(l));
  }

  private static String join(KafscaleCluster c, Function<Listener, String> f) {
    return String.join(",", listeners(c).stream().map(f).toList());
  }
}
