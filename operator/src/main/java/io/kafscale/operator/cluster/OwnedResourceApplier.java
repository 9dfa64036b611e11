/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.model.BrokerDeploymentModel;
import io.kafscale.operator.model.ClusterDefaults;
import io.kafscale.operator.model.Labels;
import io.kafscale.operator.model.ListenerModel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the desired objects of a cluster idempotently and deletes the optional ones the spec no
 * longer asks for. An object is written only when its desired content changed: the hash of the
 * desired object is kept in an annotation, so fields the API server defaults, and the replica count
 * an autoscaler sets, never cause a write (the reconciler does not fight the HPA). Server-side
 * apply is not used: fabric8's mock server cannot serve it.
 */
public final class OwnedResourceApplier {
  public static final String HASH_ANNOTATION = "kafscale.io/desired-hash";
  private static final Logger log = LoggerFactory.getLogger(OwnedResourceApplier.class);

  /** How many objects were created, updated, unchanged and deleted. */
  public record Outcome(int created, int updated, int unchanged, int deleted) {}

  private OwnedResourceApplier() {}

  public static Outcome apply(
      KubernetesClient client, KafscaleCluster c, List<HasMetadata> desired) {
    return apply(client, c, desired, d -> false);
  }

  /**
   * As above, but an existing object matching {@code held} is left exactly as it is (neither
   * written nor pruned): used for a change the operator refuses to apply.
   */
  public static Outcome apply(
      KubernetesClient client,
      KafscaleCluster c,
      List<HasMetadata> desired,
      Predicate<HasMetadata> held) {
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    for (HasMetadata d : desired) {
      String hash = hash(d);
      Map<String, String> annotations =
          d.getMetadata().getAnnotations() == null
              ? new HashMap<>()
              : new HashMap<>(d.getMetadata().getAnnotations());
      annotations.put(HASH_ANNOTATION, hash);
      d.getMetadata().setAnnotations(annotations);
      HasMetadata existing = client.resource(d).get();
      if (existing != null && held.test(d)) {
        unchanged++;
        continue;
      }
      if (existing == null) {
        client.resource(d).create();
        created++;
        log.info(
            "created kind={} name={} cluster={}", d.getKind(), name(d), ClusterDefaults.name(c));
        continue;
      }
      Map<String, String> have = existing.getMetadata().getAnnotations();
      if (have != null && hash.equals(have.get(HASH_ANNOTATION)) && !replicasDrifted(d, existing)) {
        unchanged++;
        continue;
      }
      if (d instanceof Deployment dep
          && dep.getSpec().getReplicas() == null
          && existing instanceof Deployment cur) {
        // The HPA owns replicas: keep whatever it set.
        dep.getSpec().setReplicas(cur.getSpec().getReplicas());
      }
      d.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
      client.resource(d).update();
      updated++;
      log.info("updated kind={} name={} cluster={}", d.getKind(), name(d), ClusterDefaults.name(c));
    }
    int deleted = prune(client, c, desired);
    return new Outcome(created, updated, unchanged, deleted);
  }

  /**
   * Someone scaled an object whose replica count the operator owns (kubectl scale leaves the hash
   * annotation alone): write it back. A null desired count belongs to the HPA and never drifts.
   */
  static boolean replicasDrifted(HasMetadata desired, HasMetadata existing) {
    if (desired instanceof Deployment d && existing instanceof Deployment e) {
      Integer want = d.getSpec().getReplicas();
      return want != null && !want.equals(e.getSpec().getReplicas());
    }
    if (desired instanceof StatefulSet d && existing instanceof StatefulSet e) {
      return !java.util.Objects.equals(d.getSpec().getReplicas(), e.getSpec().getReplicas());
    }
    return false;
  }

  /** Objects the operator may own for this cluster, by kind and name. */
  private static List<HasMetadata> candidates(KafscaleCluster c) {
    return List.of(
        named(new HorizontalPodAutoscaler(), ClusterDefaults.brokerName(c)),
        named(new CronJob(), ClusterDefaults.snapshotName(c)),
        named(new Service(), ClusterDefaults.externalName(c)),
        named(new Deployment(), ClusterDefaults.consoleName(c)),
        named(new Service(), ClusterDefaults.consoleName(c)),
        named(new Ingress(), ClusterDefaults.consoleName(c)),
        named(new PodDisruptionBudget(), ClusterDefaults.consoleName(c)),
        named(new StatefulSet(), ClusterDefaults.etcdName(c)),
        named(new Service(), ClusterDefaults.etcdName(c)),
        named(new Service(), ClusterDefaults.etcdClientName(c)),
        named(new PodDisruptionBudget(), ClusterDefaults.etcdName(c)));
  }

  private static int prune(KubernetesClient client, KafscaleCluster c, List<HasMetadata> desired) {
    Set<String> keep = desired.stream().map(OwnedResourceApplier::key).collect(Collectors.toSet());
    int deleted = 0;
    for (HasMetadata candidate : candidates(c)) {
      candidate.getMetadata().setNamespace(ClusterDefaults.namespace(c));
      if (keep.contains(key(candidate))) {
        continue;
      }
      HasMetadata existing = client.resource(candidate).get();
      if (existing != null && ownedBy(existing, c)) {
        client.resource(existing).delete();
        deleted++;
        log.info(
            "deleted kind={} name={} cluster={}",
            existing.getKind(),
            name(existing),
            ClusterDefaults.name(c));
      }
    }
    return deleted + pruneListenerServices(client, c, keep);
  }

  /**
   * Per-listener Services have names chosen by the spec, so the ones a removed listener leaves
   * behind are found by label and owner rather than by name.
   */
  private static int pruneListenerServices(
      KubernetesClient client, KafscaleCluster c, Set<String> keep) {
    String prefix = ListenerModel.serviceNamePrefix(c);
    int deleted = 0;
    for (Service s :
        client
            .services()
            .inNamespace(ClusterDefaults.namespace(c))
            .withLabels(Labels.selector(c, BrokerDeploymentModel.COMPONENT))
            .list()
            .getItems()) {
      String name = name(s);
      if (name.startsWith(prefix) && !keep.contains(key(s)) && ownedBy(s, c)) {
        client.resource(s).delete();
        deleted++;
        log.info("deleted kind=Service name={} cluster={}", name, ClusterDefaults.name(c));
      }
    }
    return deleted;
  }

  private static boolean ownedBy(HasMetadata o, KafscaleCluster c) {
    List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
    return refs != null && refs.stream().anyMatch(r -> c.getMetadata().getUid().equals(r.getUid()));
  }

  private static HasMetadata named(HasMetadata o, String name) {
    o.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).build());
    return o;
  }

  private static String key(HasMetadata o) {
    return o.getKind() + "/" + name(o);
  }

  private static String name(HasMetadata o) {
    return o.getMetadata().getName();
  }

  static String hash(HasMetadata desired) {
    try {
      byte[] json = Serialization.asJson(desired).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
