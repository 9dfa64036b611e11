/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.cluster;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kafscale.operator.crd.Condition;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterStatus;
import io.kafscale.operator.model.ClusterDefaults;
import io.kafscale.operator.probe.ProbeResult;
import java.time.Instant;
import java.util.List;

/**
 * Computes a cluster's status from what was observed: the broker Deployment's status and the
 * outcome of the etcd and storage checks. Pure. Conditions: {@code EtcdAvailable}, {@code
 * StorageReachable}, {@code BrokersReady}, and {@code Ready} (all three true; otherwise the reason
 * and message of the first false one). Phase: Ready, Degraded (etcd or storage false) or
 * Reconciling (only brokers not yet ready).
 */
public final class ClusterStatusFactory {
  public static final String READY = "Ready";
  public static final String ETCD_AVAILABLE = "EtcdAvailable";
  public static final String BROKERS_READY = "BrokersReady";
  public static final String STORAGE_REACHABLE = "StorageReachable";

  /** What the reconciler observed about etcd or storage: ok, or a reason and a message. */
  public record Check(boolean ok, String reason, String message) {
    public static Check of(ProbeResult r, String okReason, String failReason, String prefix) {
      return r.ok()
          ? new Check(true, okReason, prefix + " reachable (" + r.detail() + ")")
          : new Check(false, failReason, prefix + " unreachable: " + r.detail());
    }
  }

  private ClusterStatusFactory() {}

  public static KafscaleClusterStatus build(
      KafscaleCluster c, Deployment brokers, Check etcd, Check storage, Instant now) {
    int ready = readyReplicas(brokers);
    int wanted = wantedReplicas(c, brokers);
    Condition etcdC = new Condition(ETCD_AVAILABLE, etcd.ok(), etcd.reason(), etcd.message());
    Condition storageC =
        new Condition(STORAGE_REACHABLE, storage.ok(), storage.reason(), storage.message());
    boolean brokersOk = wanted > 0 && ready >= wanted;
    Condition brokersC =
        new Condition(
            BROKERS_READY,
            brokersOk,
            brokersOk ? "BrokersReady" : "BrokersNotReady",
            ready + "/" + wanted + " brokers ready");
    Condition firstFalse =
        List.of(etcdC, storageC, brokersC).stream()
            .filter(x -> "False".equals(x.status))
            .findFirst()
            .orElse(null);
    Condition readyC =
        firstFalse == null
            ? new Condition(READY, true, "Ready", "cluster is ready: " + ready + " brokers")
            : new Condition(READY, false, firstFalse.reason, firstFalse.message);
    KafscaleClusterStatus s = new KafscaleClusterStatus();
    long generation = c.getMetadata().getGeneration() == null ? 0 : c.getMetadata().getGeneration();
    s.observedGeneration = generation;
    s.readyBrokers = ready;
    s.replicas = wanted;
    s.phase =
        firstFalse == null ? "Ready" : (!etcd.ok() || !storage.ok() ? "Degraded" : "Reconciling");
    s.endpoints = new KafscaleClusterStatus.Endpoints();
    s.endpoints.bootstrap =
        ClusterDefaults.brokerName(c)
            + "."
            + ClusterDefaults.namespace(c)
            + ".svc:"
            + ClusterDefaults.kafkaPort(c);
    s.endpoints.etcd = ClusterDefaults.etcdEndpoints(c);
    if (ClusterDefaults.console(c)) {
      s.endpoints.console =
          "http://" + ClusterDefaults.consoleName(c) + "." + ClusterDefaults.namespace(c) + ".svc";
    }
    List<Condition> previous = c.getStatus() == null ? null : c.getStatus().conditions;
    s.conditions =
        Conditions.merge(previous, List.of(readyC, etcdC, brokersC, storageC), generation, now);
    return s;
  }

  private static int readyReplicas(Deployment d) {
    if (d == null || d.getStatus() == null || d.getStatus().getReadyReplicas() == null) {
      return 0;
    }
    return d.getStatus().getReadyReplicas();
  }

  /** With an autoscaler the Deployment's replica count (set by the HPA) is the target. */
  private static int wantedReplicas(KafscaleCluster c, Deployment d) {
    if (ClusterDefaults.autoscaling(c) && d != null && d.getSpec().getReplicas() != null) {
      return d.getSpec().getReplicas();
    }
    if (ClusterDefaults.autoscaling(c)) {
      Integer min = ClusterDefaults.brokers(c).autoscaling.minReplicas;
      return min != null ? min : ClusterDefaults.replicas(c);
    }
    return ClusterDefaults.replicas(c);
  }
}
