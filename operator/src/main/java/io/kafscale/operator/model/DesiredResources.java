/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kafscale.operator.crd.KafscaleCluster;
import java.util.ArrayList;
import java.util.List;

/**
 * Every object the operator owns for a cluster, in apply order (etcd before brokers). Objects
 * absent from the list (disabled console, HPA, snapshots, external Service) are deleted by the
 * reconciler. Pure.
 */
public final class DesiredResources {
  private DesiredResources() {}

  public static List<HasMetadata> build(KafscaleCluster c) {
    return build(c, ClusterDefaults.BROKER_IMAGE);
  }

  /** As {@link #build(KafscaleCluster)}, with the operator's default broker image. */
  public static List<HasMetadata> build(KafscaleCluster c, String defaultBrokerImage) {
    List<HasMetadata> out = new ArrayList<>();
    if (ClusterDefaults.managedEtcd(c)) {
      out.add(EtcdModel.peerService(c));
      out.add(EtcdModel.clientService(c));
      out.add(EtcdModel.statefulSet(c));
      out.add(EtcdModel.disruptionBudget(c));
      EtcdSnapshotModel.build(c).ifPresent(out::add);
    }
    out.add(BrokerServiceModel.headless(c));
    out.add(BrokerServiceModel.bootstrap(c));
    BrokerServiceModel.external(c).ifPresent(out::add);
    out.addAll(ListenerModel.services(c));
    out.add(BrokerDeploymentModel.build(c, defaultBrokerImage));
    out.add(BrokerAutoscalerModel.disruptionBudget(c));
    BrokerAutoscalerModel.build(c).ifPresent(out::add);
    ConsoleModel.deployment(c).ifPresent(out::add);
    ConsoleModel.disruptionBudget(c).ifPresent(out::add);
    ConsoleModel.service(c).ifPresent(out::add);
    ConsoleModel.ingress(c).ifPresent(out::add);
    return out;
  }
}
