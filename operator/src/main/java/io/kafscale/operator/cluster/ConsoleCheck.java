/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.cluster;

import static io.kafscale.operator.model.ClusterDefaults.or;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kafscale.operator.cluster.ClusterStatusFactory.Check;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import io.kafscale.operator.etcd.EtcdConfigResolver;
import io.kafscale.operator.model.ClusterDefaults;
import io.kafscale.operator.model.ConsoleModel;

/**
 * The ConsoleReady check: while the console is enabled its credentials Secret (and the Secret of
 * its Kafka principal, when {@code spec.console.kafka} names one) must exist and have both keys
 * (otherwise its pods sit in CreateContainerConfigError with nothing in the cluster's status saying
 * why), then its pods must be ready. A disabled console is reported too (False, ConsoleDisabled)
 * rather than dropping the condition: the status keeps a fixed set of conditions, so a status patch
 * computed from a slightly stale copy never removes an array element that is already gone. {@link
 * #evaluate} is pure; {@link #run} reads the Secret and the console Deployment.
 */
final class ConsoleCheck {
  static final String SECRET_MISSING = "CredentialsSecretMissing";
  static final String SECRET_INVALID = "CredentialsSecretInvalid";
  static final String NOT_READY = "ConsoleNotReady";
  static final String READY = "ConsoleReady";
  static final String DISABLED = "ConsoleDisabled";

  private ConsoleCheck() {}

  static Check run(KubernetesClient client, KafscaleCluster c) {
    if (!ClusterDefaults.console(c)) {
      return evaluate(c, null, null);
    }
    String ns = ClusterDefaults.namespace(c);
    KafscaleClusterSpec.ConsoleCredentialsSecretRef ref =
        ClusterDefaults.spec(c).console.credentialsSecretRef;
    Secret secret =
        ref == null || ref.name == null
            ? null
            : client.secrets().inNamespace(ns).withName(ref.name).get();
    KafscaleClusterSpec.ConsoleCredentialsSecretRef kafkaRef = kafkaRef(c);
    Secret kafkaSecret =
        kafkaRef == null || kafkaRef.name == null
            ? null
            : client.secrets().inNamespace(ns).withName(kafkaRef.name).get();
    Deployment console =
        client.apps().deployments().inNamespace(ns).withName(ClusterDefaults.consoleName(c)).get();
    return evaluate(c, secret, kafkaSecret, console);
  }

  /** The console's Kafka principal Secret reference ({@code spec.console.kafka}), or null. */
  private static KafscaleClusterSpec.ConsoleCredentialsSecretRef kafkaRef(KafscaleCluster c) {
    KafscaleClusterSpec.ConsoleKafka kafka = ClusterDefaults.spec(c).console.kafka;
    return kafka == null ? null : kafka.credentialsSecretRef;
  }

  /** As {@link #evaluate(KafscaleCluster, Secret, Secret, Deployment)} without a Kafka Secret. */
  static Check evaluate(KafscaleCluster c, Secret secret, Deployment console) {
    return evaluate(c, secret, null, console);
  }

  /**
   * The check from the login Secret and the Kafka-principal Secret the spec names and the console
   * Deployment (any may be null).
   */
  static Check evaluate(KafscaleCluster c, Secret secret, Secret kafkaSecret, Deployment console) {
    if (!ClusterDefaults.console(c)) {
      return new Check(false, DISABLED, "spec.console.enabled is not true: no console is deployed");
    }
    String ns = ClusterDefaults.namespace(c);
    KafscaleClusterSpec.ConsoleCredentialsSecretRef ref =
        ClusterDefaults.spec(c).console.credentialsSecretRef;
    if (ref == null || ref.name == null) {
      return new Check(
          false,
          SECRET_MISSING,
          "spec.console.credentialsSecretRef is required when the console is enabled");
    }
    if (secret == null) {
      return new Check(
          false,
          SECRET_MISSING,
          "console credentials secret '" + ref.name + "' not found in namespace '" + ns + "'");
    }
    Check invalid = keys(ref, secret, "console credentials");
    if (invalid != null) {
      return invalid;
    }
    KafscaleClusterSpec.ConsoleCredentialsSecretRef kafkaRef = kafkaRef(c);
    if (kafkaRef != null && kafkaRef.name != null) {
      if (kafkaSecret == null) {
        return new Check(
            false,
            SECRET_MISSING,
            "console Kafka credentials secret '"
                + kafkaRef.name
                + "' not found in namespace '"
                + ns
                + "'");
      }
      invalid = keys(kafkaRef, kafkaSecret, "console Kafka credentials");
      if (invalid != null) {
        return invalid;
      }
    }
    int wanted = or(ClusterDefaults.spec(c).console.replicas, 1);
    int ready =
        console == null
                || console.getStatus() == null
                || console.getStatus().getReadyReplicas() == null
            ? 0
            : console.getStatus().getReadyReplicas();
    String message = ready + "/" + wanted + " console pods ready";
    return ready >= wanted ? new Check(true, READY, message) : new Check(false, NOT_READY, message);
  }

  /** A failed check naming the first key {@code secret} lacks, or null when it has both. */
  private static Check keys(
      KafscaleClusterSpec.ConsoleCredentialsSecretRef ref, Secret secret, String what) {
    for (String key :
        new String[] {
          or(ref.usernameKey, ConsoleModel.USERNAME_KEY),
          or(ref.passwordKey, ConsoleModel.PASSWORD_KEY)
        }) {
      if (EtcdConfigResolver.key(secret, key).filter(v -> !v.isEmpty()).isEmpty()) {
        return new Check(
            false, SECRET_INVALID, what + " secret '" + ref.name + "' has no key '" + key + "'");
      }
    }
    return null;
  }
}
