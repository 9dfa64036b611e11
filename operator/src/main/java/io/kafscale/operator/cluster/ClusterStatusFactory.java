/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.cluster;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kafscale.operator.crd.Condition;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterStatus;
import io.kafscale.operator.model.ClusterDefaults;
import io.kafscale.operator.model.ConsoleModel;
import io.kafscale.operator.probe.ProbeResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

  /**
   * The console's credentials Secret is usable and its pods are ready (False with reason
   * ConsoleDisabled when it is off). It never makes the cluster unready: Kafka clients are served
   * without the console.
   */
  public static final String CONSOLE_READY = "ConsoleReady";

  /** What the reconciler observed about etcd or storage: ok, or a reason and a message. */
  public record Check(boolean ok, String reason, String message) {
    /** A probe result as a check, its detail in the message either way. */
    public static Check of(ProbeResult r, String okReason, String failReason, String prefix) {
      return r.ok()
          ? new Check(true, okReason, prefix + " reachable (" + r.detail() + ")")
          : new Check(false, failReason, prefix + " unreachable: " + r.detail());
    }

    /**
     * As {@link #of}, but a success leaves out the probe's detail (an etcd revision): it changes on
     * every probe and would make every reconcile patch the status.
     */
    public static Check ofVolatile(
        ProbeResult r, String okReason, String failReason, String prefix) {
      return r.ok()
          ? new Check(true, okReason, prefix + " reachable")
          : new Check(false, failReason, prefix + " unreachable: " + r.detail());
    }
  }

  private ClusterStatusFactory() {}

  public static KafscaleClusterStatus build(
      KafscaleCluster c, Deployment brokers, Check etcd, Check storage, Instant now) {
    return build(c, brokers, etcd, storage, Optional.empty(), now);
  }

  /**
   * As above; a {@code refusal} (a spec change the operator will not apply, with its reason and
   * message) makes Ready false and the phase Degraded while the rest keeps running.
   */
  public static KafscaleClusterStatus build(
      KafscaleCluster c,
      Deployment brokers,
      Check etcd,
      Check storage,
      Optional<Check> refusal,
      Instant now) {
    return build(c, brokers, etcd, storage, refusal, Optional.empty(), now);
  }

  /**
   * As above; a {@code console} check adds the {@link #CONSOLE_READY} condition, which leaves Ready
   * and the phase alone.
   */
  public static KafscaleClusterStatus build(
      KafscaleCluster c,
      Deployment brokers,
      Check etcd,
      Check storage,
      Optional<Check> refusal,
      Optional<Check> console,
      Instant now) {
    int ready = readyReplicas(brokers);
    int wanted = wantedReplicas(c, brokers);
    String rollout = rolloutProblem(brokers, wanted);
    Condition etcdC = new Condition(ETCD_AVAILABLE, etcd.ok(), etcd.reason(), etcd.message());
    Condition storageC =
        new Condition(STORAGE_REACHABLE, storage.ok(), storage.reason(), storage.message());
    boolean brokersOk = wanted > 0 && ready >= wanted && rollout == null;
    Condition brokersC =
        new Condition(
            BROKERS_READY,
            brokersOk,
            brokersOk
                ? "BrokersReady"
                : (rollout == null ? "BrokersNotReady" : "RolloutInProgress"),
            ready + "/" + wanted + " brokers ready" + (rollout == null ? "" : ", " + rollout));
    List<Condition> checks = new java.util.ArrayList<>();
    refusal.ifPresent(r -> checks.add(new Condition(READY, false, r.reason(), r.message())));
    checks.addAll(List.of(etcdC, storageC, brokersC));
    Condition firstFalse =
        checks.stream().filter(x -> "False".equals(x.status)).findFirst().orElse(null);
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
        firstFalse == null
            ? "Ready"
            : (!etcd.ok() || !storage.ok() || refusal.isPresent() ? "Degraded" : "Reconciling");
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
          "http://"
              + ClusterDefaults.consoleName(c)
              + "."
              + ClusterDefaults.namespace(c)
              + ".svc:"
              + ConsoleModel.port(c);
    }
    List<Condition> previous = c.getStatus() == null ? null : c.getStatus().conditions;
    List<Condition> next = new java.util.ArrayList<>(List.of(readyC, etcdC, brokersC, storageC));
    console.ifPresent(k -> next.add(new Condition(CONSOLE_READY, k.ok(), k.reason(), k.message())));
    s.conditions = Conditions.merge(previous, next, generation, now);
    return s;
  }

  /**
   * The status after a failed reconcile: the previous conditions are kept, Ready becomes False with
   * reason ApplyFailed and the exception's message (the API server's refusal, say).
   */
  public static KafscaleClusterStatus failed(KafscaleCluster c, Exception e, Instant now) {
    KafscaleClusterStatus previous = c.getStatus();
    KafscaleClusterStatus s = previous == null ? new KafscaleClusterStatus() : previous;
    long generation = c.getMetadata().getGeneration() == null ? 0 : c.getMetadata().getGeneration();
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    List<Condition> before = previous == null ? null : previous.conditions;
    List<Condition> next =
        new java.util.ArrayList<>(
            Conditions.merge(
                before,
                List.of(new Condition(READY, false, "ApplyFailed", message)),
                generation,
                now));
    if (before != null) {
      // What was observed before the failure still holds; only Ready changes.
      before.stream().filter(x -> !READY.equals(x.type)).forEach(next::add);
    }
    s.conditions = next;
    s.phase = "Degraded";
    return s;
  }

  /**
   * Why the Deployment is still rolling out, or null when it is done: the controller has not seen
   * the newest spec, or fewer than {@code wanted} pods run the new template or are available.
   */
  static String rolloutProblem(Deployment d, int wanted) {
    if (d == null || d.getStatus() == null) {
      return "no Deployment status yet";
    }
    var st = d.getStatus();
    long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
    long observed = st.getObservedGeneration() == null ? 0 : st.getObservedGeneration();
    if (observed < generation) {
      return "Deployment generation " + generation + " not yet observed";
    }
    int updated = st.getUpdatedReplicas() == null ? 0 : st.getUpdatedReplicas();
    if (updated < wanted) {
      return updated + "/" + wanted + " brokers updated";
    }
    int available = st.getAvailableReplicas() == null ? 0 : st.getAvailableReplicas();
    if (available < wanted) {
      return available + "/" + wanted + " brokers available";
    }
    return null;
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
