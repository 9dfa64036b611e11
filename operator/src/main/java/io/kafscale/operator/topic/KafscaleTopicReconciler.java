/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.topic;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.kafscale.metadata.registry.InvalidConfigException;
import io.kafscale.operator.cluster.Conditions;
import io.kafscale.operator.crd.Condition;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleTopic;
import io.kafscale.operator.crd.KafscaleTopicStatus;
import io.kafscale.operator.etcd.EtcdConfigResolver;
import io.kafscale.operator.etcd.TopicRegistryProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a {@link KafscaleTopic} against its cluster's etcd through the metadata module's
 * TopicRegistry (see {@link TopicSync}). Its finalizer deletes the topic when the resource is
 * deleted, unless {@code deletionPolicy: Retain}, and only if the topic's id is still the one in
 * {@code status.topicId}; the brokers' orphan collection then removes the topic's objects from S3.
 * The topic a resource manages never changes: a name different from {@code status.topicName} (the
 * CRD makes topicName immutable; this catches a name that changed through its default) is refused
 * with a condition.
 */
@ControllerConfiguration(name = KafscaleTopicReconciler.NAME)
public final class KafscaleTopicReconciler
    implements Reconciler<KafscaleTopic>, Cleaner<KafscaleTopic> {
  public static final String NAME = "kafscaletopic";
  private static final Logger log = LoggerFactory.getLogger(KafscaleTopicReconciler.class);

  private final TopicRegistryProvider registries;
  private final EtcdConfigResolver etcdConfigs;
  private final Clock clock;
  private final Duration timeout;
  private final Duration retry;

  public KafscaleTopicReconciler(
      TopicRegistryProvider registries,
      EtcdConfigResolver etcdConfigs,
      Clock clock,
      Duration timeout,
      Duration retry) {
    this.registries = registries;
    this.etcdConfigs = etcdConfigs;
    this.clock = clock;
    this.timeout = timeout;
    this.retry = retry;
  }

  /** The Kafka topic name: spec.topicName, else the resource name. */
  public static String topicName(KafscaleTopic t) {
    return Optional.ofNullable(t.getSpec().topicName).orElse(t.getMetadata().getName());
  }

  @Override
  public UpdateControl<KafscaleTopic> reconcile(KafscaleTopic topic, Context<KafscaleTopic> ctx) {
    KubernetesClient client = ctx.getClient();
    KafscaleTopicStatus status = sync(topic, cluster(client, topic), client);
    topic.setStatus(status);
    UpdateControl<KafscaleTopic> control = UpdateControl.patchStatus(topic);
    boolean ready = status.conditions.stream().allMatch(c -> "True".equals(c.status));
    return ready ? control : control.rescheduleAfter(retry);
  }

  /**
   * Brings the topic in {@code cluster}'s etcd to the resource's spec and returns the new status.
   * {@code cluster} is null when the referenced KafscaleCluster does not exist; {@code client}
   * reads the cluster's etcd Secrets, if it names any.
   */
  public KafscaleTopicStatus sync(
      KafscaleTopic topic, KafscaleCluster cluster, KubernetesClient client) {
    String name = topicName(topic);
    KafscaleTopicStatus status = new KafscaleTopicStatus();
    KafscaleTopicStatus previous = topic.getStatus();
    if (previous != null) {
      status.topicId = previous.topicId;
      status.topicName = previous.topicName;
      status.partitions = previous.partitions;
    }
    Condition ready;
    Target target = target(client, topic, cluster);
    if (status.topicName != null && !status.topicName.equals(name)) {
      ready =
          new Condition(
              TopicSync.READY,
              false,
              "TopicNameImmutable",
              "this resource manages topic '"
                  + status.topicName
                  + "', not '"
                  + name
                  + "'; create another resource for another topic");
    } else if (target.sync() == null) {
      ready = target.problem();
    } else {
      try {
        TopicSync.Result r =
            target.sync().sync(name, topic.getSpec(), Optional.ofNullable(status.topicId));
        r.topic()
            .ifPresent(
                t -> {
                  status.topicId = t.topicId().toString();
                  status.topicName = name;
                  status.partitions = t.partitionCount();
                });
        ready = r.ready();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ready = new Condition(TopicSync.READY, false, "Interrupted", "interrupted");
      } catch (Exception e) {
        Throwable cause =
            e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        // The registry re-checks configs itself; its refusal is the resource's fault, not etcd's.
        ready =
            cause instanceof InvalidConfigException
                ? new Condition(
                    TopicSync.READY,
                    false,
                    TopicSync.INVALID_CONFIG,
                    "invalid topic config, nothing written: " + cause.getMessage())
                : new Condition(
                    TopicSync.READY,
                    false,
                    "EtcdUnavailable",
                    "etcd operation failed: " + cause.getMessage());
      }
    }
    long generation =
        topic.getMetadata().getGeneration() == null ? 0 : topic.getMetadata().getGeneration();
    status.observedGeneration = generation;
    status.conditions =
        Conditions.merge(
            previous == null ? null : previous.conditions,
            List.of(ready),
            generation,
            clock.instant());
    log.info(
        "reconciled topic={} namespace={} ready={} reason={}",
        name,
        topic.getMetadata().getNamespace(),
        ready.status,
        ready.reason);
    return status;
  }

  @Override
  public DeleteControl cleanup(KafscaleTopic topic, Context<KafscaleTopic> ctx) {
    KubernetesClient client = ctx.getClient();
    return delete(topic, cluster(client, topic), client)
        ? DeleteControl.defaultDelete()
        : DeleteControl.noFinalizerRemoval().rescheduleAfter(retry);
  }

  /**
   * Deletes the topic unless the resource says Retain; true when the finalizer may go (deleted,
   * retained, or nothing left to delete it from), false to retry later.
   */
  public boolean delete(KafscaleTopic topic, KafscaleCluster cluster, KubernetesClient client) {
    String name = topicName(topic);
    if (topic.getSpec().retain()) {
      log.info("retained topic={} on resource deletion", name);
      return true;
    }
    Target target = target(client, topic, cluster);
    if (target.sync() == null) {
      if (target.clusterMissing()) {
        // Nothing left to delete the topic from: do not block the namespace's deletion.
        log.warn("cluster of topic={} is gone; removing finalizer without deleting", name);
        return true;
      }
      return false;
    }
    String owned = topic.getStatus() == null ? null : topic.getStatus().topicId;
    if (topic.getStatus() != null
        && topic.getStatus().topicName != null
        && !topic.getStatus().topicName.equals(name)) {
      name = topic.getStatus().topicName;
    }
    try {
      boolean deleted = target.sync().delete(name, Optional.ofNullable(owned));
      // Not deleted: absent, or another topic of that name that this resource does not own.
      log.info("deleted topic={} deleted={} topicId={}", name, deleted, owned);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      log.warn("delete failed topic={} error={}", name, e.toString());
      return false;
    }
  }

  /** Where the topic lives: a sync over the cluster's etcd, or why there is none. */
  private record Target(TopicSync sync, Condition problem, boolean clusterMissing) {}

  private static KafscaleCluster cluster(KubernetesClient client, KafscaleTopic topic) {
    return client
        .resources(KafscaleCluster.class)
        .inNamespace(topic.getMetadata().getNamespace())
        .withName(topic.getSpec().clusterRef)
        .get();
  }

  private Target target(KubernetesClient client, KafscaleTopic topic, KafscaleCluster cluster) {
    String ns = topic.getMetadata().getNamespace();
    String ref = topic.getSpec().clusterRef;
    if (cluster == null) {
      return new Target(
          null,
          new Condition(
              TopicSync.READY,
              false,
              "ClusterNotFound",
              "KafscaleCluster '" + ref + "' not found in namespace '" + ns + "'"),
          true);
    }
    EtcdConfigResolver.Resolution r = etcdConfigs.resolve(client, cluster);
    if (r.config().isEmpty()) {
      return new Target(
          null, new Condition(TopicSync.READY, false, "EtcdSecretInvalid", r.problem()), false);
    }
    return new Target(new TopicSync(registries.topics(r.config().get()), timeout), null, false);
  }
}
