/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.model;

import static io.kafscale.operator.model.ClusterDefaults.or;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the broker HorizontalPodAutoscaler (autoscaling/v2, only when autoscaling is enabled) and
 * the broker PodDisruptionBudget (one voluntary eviction at a time, so drains never overlap). Pure.
 */
public final class BrokerAutoscalerModel {
  /** Pods metric a Prometheus adapter serves from the broker's kafscale.topic.bytes.in counter. */
  public static final String PRODUCE_METRIC = "kafscale_topic_bytes_in_per_second";

  private BrokerAutoscalerModel() {}

  public static Optional<HorizontalPodAutoscaler> build(KafscaleCluster c) {
    if (!ClusterDefaults.autoscaling(c)) {
      return Optional.empty();
    }
    KafscaleClusterSpec.Autoscaling a = ClusterDefaults.brokers(c).autoscaling;
    int min = or(a.minReplicas, ClusterDefaults.replicas(c));
    int max = Math.max(min, or(a.maxReplicas, 4 * min));
    List<MetricSpec> metrics = new ArrayList<>();
    metrics.add(
        new MetricSpecBuilder()
            .withType("Resource")
            .withNewResource()
            .withName("cpu")
            .withNewTarget()
            .withType("Utilization")
            .withAverageUtilization(or(a.targetCPUUtilizationPercentage, 70))
            .endTarget()
            .endResource()
            .build());
    if (a.targetProduceBytesPerSecondPerPod != null) {
      metrics.add(
          new MetricSpecBuilder()
              .withType("Pods")
              .withNewPods()
              .withNewMetric()
              .withName(PRODUCE_METRIC)
              .endMetric()
              .withNewTarget()
              .withType("AverageValue")
              .withAverageValue(new Quantity(String.valueOf(a.targetProduceBytesPerSecondPerPod)))
              .endTarget()
              .endPods()
              .build());
    }
    return Optional.of(
        new HorizontalPodAutoscalerBuilder()
            .withMetadata(
                Meta.of(c, ClusterDefaults.brokerName(c), BrokerDeploymentModel.COMPONENT))
            .withNewSpec()
            .withNewScaleTargetRef()
            .withApiVersion("apps/v1")
            .withKind("Deployment")
            .withName(ClusterDefaults.brokerName(c))
            .endScaleTargetRef()
            .withMinReplicas(min)
            .withMaxReplicas(max)
            .withMetrics(metrics)
            .withNewBehavior()
            .withNewScaleDown()
            // Each removed broker drains its partitions: scale down slowly, one pod at a time.
            .withStabilizationWindowSeconds(300)
            .addNewPolicy()
            .withType("Pods")
            .withValue(1)
            .withPeriodSeconds(120)
            .endPolicy()
            .endScaleDown()
            .endBehavior()
            .endSpec()
            .build());
  }

  public static PodDisruptionBudget disruptionBudget(KafscaleCluster c) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(Meta.of(c, ClusterDefaults.brokerName(c), BrokerDeploymentModel.COMPONENT))
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector()
        .withMatchLabels(Labels.selector(c, BrokerDeploymentModel.COMPONENT))
        .endSelector()
        .endSpec()
        .build();
  }
}
