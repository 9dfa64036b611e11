/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.cluster;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kafscale.operator.cluster.ClusterStatusFactory.Check;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import io.kafscale.operator.etcd.EtcdConfigResolver;
import io.kafscale.operator.model.ClusterDefaults;
import io.kafscale.operator.model.SecurityModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks the Secrets {@code spec.security} names (the TLS certificate, the PLAIN users) exist and
 * hold the keys the broker reads: otherwise the broker pods never start (a missing Secret volume
 * keeps them in ContainerCreating) and nothing in the cluster's status would say why. A problem is
 * reported as a refusal: Ready False, phase Degraded. {@link #evaluate} is pure; {@link #run} reads
 * the Secrets.
 */
final class SecurityCheck {
  static final String SECRET_MISSING = "SecuritySecretMissing";
  static final String SECRET_INVALID = "SecuritySecretInvalid";

  private SecurityCheck() {}

  /** The problem with the security Secrets, or empty when there is none (or nothing to check). */
  static Optional<Check> run(KubernetesClient client, KafscaleCluster c) {
    String ns = ClusterDefaults.namespace(c);
    return evaluate(c, name -> client.secrets().inNamespace(ns).withName(name).get());
  }

  /** As {@link #run} with the Secrets looked up by name (null when absent). */
  static Optional<Check> evaluate(KafscaleCluster c, Function<String, Secret> secrets) {
    KafscaleClusterSpec.Security s = ClusterDefaults.spec(c).security;
    if (s == null) {
      return Optional.empty();
    }
    if (s.tls != null && s.tls.secretRef != null) {
      List<String> keys =
          new ArrayList<>(List.of(SecurityModel.TLS_CERT_KEY, SecurityModel.TLS_KEY_KEY));
      if (SecurityModel.clientAuth(s.tls)) {
        keys.add(SecurityModel.TLS_CA_KEY);
      }
      Optional<Check> tls = check(c, "TLS", s.tls.secretRef.name, keys, secrets);
      if (tls.isPresent()) {
        return tls;
      }
    }
    if (s.sasl != null && s.sasl.plainUsersSecretRef != null) {
      KafscaleClusterSpec.PlainUsersSecretRef ref = s.sasl.plainUsersSecretRef;
      return check(
          c, "SASL PLAIN users", ref.name, List.of(SecurityModel.plainUsersKey(ref)), secrets);
    }
    return Optional.empty();
  }

  private static Optional<Check> check(
      KafscaleCluster c,
      String what,
      String name,
      List<String> keys,
      Function<String, Secret> secrets) {
    Secret secret = secrets.apply(name);
    if (secret == null) {
      return Optional.of(
          new Check(
              false,
              SECRET_MISSING,
              what
                  + " secret '"
                  + name
                  + "' not found in namespace '"
                  + ClusterDefaults.namespace(c)
                  + "'"));
    }
    for (String key : keys) {
      if (EtcdConfigResolver.key(secret, key).filter(v -> !v.isEmpty()).isEmpty()) {
        return Optional.of(
            new Check(
                false, SECRET_INVALID, what + " secret '" + name + "' has no key '" + key + "'"));
      }
    }
    return Optional.empty();
  }
}
