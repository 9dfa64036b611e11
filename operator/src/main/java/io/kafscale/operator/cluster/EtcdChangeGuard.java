/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kafscale.operator.cluster.ClusterStatusFactory.Check;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.model.ClusterDefaults;
import io.kafscale.operator.model.EtcdModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Refuses spec changes the running managed etcd cannot take: its member count (members bootstrap
 * from a fixed {@code --initial-cluster}; rewriting it with state {@code new} would split or wipe
 * the cluster) and its volume size or class (StatefulSet volume templates are immutable). The CRD
 * rejects explicit changes; this also catches changes through defaults (a field removed). Pure.
 */
public final class EtcdChangeGuard {
  public static final String REASON = "EtcdChangeRefused";
  private static final String INITIAL_CLUSTER = "--initial-cluster=";

  private EtcdChangeGuard() {}

  /** The refusal, or empty when the spec matches the running etcd (or none runs yet). */
  public static Optional<Check> check(KafscaleCluster c, StatefulSet existing) {
    if (existing == null || !ClusterDefaults.managedEtcd(c)) {
      return Optional.empty();
    }
    StatefulSet desired = EtcdModel.statefulSet(c);
    List<String> problems = new ArrayList<>();
    int have = members(existing);
    int want = ClusterDefaults.etcdReplicas(c);
    if (have != want) {
      problems.add("members " + have + " -> " + want);
    }
    String haveSize = size(existing);
    String wantSize = size(desired);
    if (!Objects.equals(haveSize, wantSize)) {
      problems.add("storageSize " + haveSize + " -> " + wantSize);
    }
    String haveClass = volume(existing).map(v -> v.getSpec().getStorageClassName()).orElse(null);
    String wantClass = volume(desired).map(v -> v.getSpec().getStorageClassName()).orElse(null);
    if (!Objects.equals(haveClass, wantClass)) {
      problems.add("storageClassName " + haveClass + " -> " + wantClass);
    }
    if (problems.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Check(
            false,
            REASON,
            "managed etcd cannot change "
                + String.join(", ", problems)
                + " in place; revert the spec, or snapshot, recreate and restore"
                + " (docs/operations.md)"));
  }

  /** Whether {@code o} is the object a refusal leaves untouched: the etcd StatefulSet. */
  public static boolean held(HasMetadata o) {
    return o instanceof StatefulSet
        && o.getMetadata().getName() != null
        && o.getMetadata().getName().endsWith("-etcd");
  }

  /** Members the running etcd was bootstrapped with (its --initial-cluster), else its replicas. */
  private static int members(StatefulSet s) {
    return s.getSpec().getTemplate().getSpec().getContainers().stream()
        .flatMap(c -> c.getArgs() == null ? java.util.stream.Stream.empty() : c.getArgs().stream())
        .filter(a -> a.startsWith(INITIAL_CLUSTER))
        .findFirst()
        .map(a -> a.substring(INITIAL_CLUSTER.length()).split(",").length)
        .orElse(s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas());
  }

  private static Optional<PersistentVolumeClaim> volume(StatefulSet s) {
    List<PersistentVolumeClaim> t = s.getSpec().getVolumeClaimTemplates();
    return t == null || t.isEmpty() ? Optional.empty() : Optional.of(t.get(0));
  }

  private static String size(StatefulSet s) {
    return volume(s)
        .map(v -> v.getSpec().getResources().getRequests())
        .map(r -> r.get("storage"))
        .map(Quantity::toString)
        .orElse(null);
  }
}
