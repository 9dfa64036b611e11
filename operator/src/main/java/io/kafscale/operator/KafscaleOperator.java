/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.kafscale.operator.cluster.KafscaleClusterReconciler;
import io.kafscale.operator.topic.KafscaleTopicReconciler;
import java.util.Optional;
import java.util.Set;

/**
 * Wires the two reconcilers into a java-operator-sdk {@link Operator} on a given client.
 * Server-side apply is off everywhere (plain create/update/merge-patch), which also lets the
 * operator run against fabric8's mock API server in tests.
 */
public final class KafscaleOperator {
  private KafscaleOperator() {}

  public static Operator create(
      KubernetesClient client,
      KafscaleClusterReconciler clusters,
      KafscaleTopicReconciler topics,
      Optional<LeaderElectionConfiguration> leaderElection) {
    return create(client, clusters, topics, leaderElection, Set.of());
  }

  /** As above, reconciling only {@code namespaces} (all when empty). */
  public static Operator create(
      KubernetesClient client,
      KafscaleClusterReconciler clusters,
      KafscaleTopicReconciler topics,
      Optional<LeaderElectionConfiguration> leaderElection,
      Set<String> namespaces) {
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withUseSSAToPatchPrimaryResource(false)
                  .withSSABasedCreateUpdateMatchForDependentResources(false)
                  .withConcurrentReconciliationThreads(4);
              leaderElection.ifPresent(o::withLeaderElectionConfiguration);
            });
    if (namespaces.isEmpty()) {
      operator.register(clusters);
      operator.register(topics);
    } else {
      operator.register(clusters, o -> o.settingNamespaces(namespaces));
      operator.register(topics, o -> o.settingNamespaces(namespaces));
    }
    return operator;
  }
}
