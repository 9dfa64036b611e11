/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.cluster;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kafscale.operator.cluster.ClusterStatusFactory.Check;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterStatus;
import io.kafscale.operator.etcd.EtcdConfigResolver;
import io.kafscale.operator.model.ClusterDefaults;
import io.kafscale.operator.model.DesiredResources;
import io.kafscale.operator.model.Labels;
import io.kafscale.operator.probe.EtcdProbe;
import io.kafscale.operator.probe.StorageProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a {@link KafscaleCluster}: applies every owned object (etcd, Services, broker
 * Deployment, PDBs, HPA, snapshot CronJob, console), then checks etcd and storage through injected
 * probes, checks the console's credentials Secret and pods when it is enabled, and writes the
 * status. Re-runs when the spec or an owned Deployment/StatefulSet changes, and periodically
 * (probes can change without any event). A failed apply is written to the status (Ready=False,
 * reason ApplyFailed, the API server's message). A change the managed etcd cannot take (members,
 * volume size or class) is refused with a condition, never applied. Its finalizer only releases the
 * cluster's etcd client; owned objects go by garbage collection.
 */
@ControllerConfiguration(name = KafscaleClusterReconciler.NAME)
public final class KafscaleClusterReconciler
    implements Reconciler<KafscaleCluster>, Cleaner<KafscaleCluster> {
  public static final String NAME = "kafscalecluster";
  private static final Logger log = LoggerFactory.getLogger(KafscaleClusterReconciler.class);

  private final EtcdProbe etcdProbe;
  private final StorageProbe storageProbe;
  private final EtcdConfigResolver etcdConfigs;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Duration requeueReady;
  private final Duration requeueNotReady;
  private final String defaultBrokerImage;

  public KafscaleClusterReconciler(
      EtcdProbe etcdProbe,
      StorageProbe storageProbe,
      EtcdConfigResolver etcdConfigs,
      Clock clock,
      MeterRegistry meters,
      Duration requeueReady,
      Duration requeueNotReady,
      String defaultBrokerImage) {
    this.etcdProbe = etcdProbe;
    this.storageProbe = storageProbe;
    this.etcdConfigs = etcdConfigs;
    this.clock = clock;
    this.meters = meters;
    this.requeueReady = requeueReady;
    this.requeueNotReady = requeueNotReady;
    this.defaultBrokerImage = defaultBrokerImage;
  }

  @Override
  public List<EventSource<?, KafscaleCluster>> prepareEventSources(
      EventSourceContext<KafscaleCluster> context) {
    String selector = "app.kubernetes.io/managed-by=" + Labels.MANAGED_BY;
    return List.of(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Deployment.class, KafscaleCluster.class)
                .withLabelSelector(selector)
                .build(),
            context),
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(StatefulSet.class, KafscaleCluster.class)
                .withLabelSelector(selector)
                .build(),
            context));
  }

  @Override
  public UpdateControl<KafscaleCluster> reconcile(
      KafscaleCluster cluster, Context<KafscaleCluster> context) {
    KubernetesClient client = context.getClient();
    Optional<Check> refusal =
        EtcdChangeGuard.check(cluster, existingEtcd(client, cluster))
            .or(() -> SecurityCheck.run(client, cluster));
    OwnedResourceApplier.Outcome applied =
        meters
            .timer("kafscale.operator.reconcile", "kind", "KafscaleCluster")
            .record(
                () ->
                    OwnedResourceApplier.apply(
                        client,
                        cluster,
                        DesiredResources.build(cluster, defaultBrokerImage),
                        refusal.isPresent() ? EtcdChangeGuard::held : d -> false));
    Deployment brokers =
        client
            .apps()
            .deployments()
            .inNamespace(ClusterDefaults.namespace(cluster))
            .withName(ClusterDefaults.brokerName(cluster))
            .get();
    Check etcd = etcdCheck(client, cluster);
    Check storage = StorageCheck.run(client, cluster, storageProbe);
    KafscaleClusterStatus status =
        ClusterStatusFactory.build(
            cluster,
            brokers,
            etcd,
            storage,
            refusal,
            Optional.of(ConsoleCheck.run(client, cluster)),
            clock.instant());
    log.info(
        "reconciled cluster={} namespace={} phase={} readyBrokers={} created={} updated={} deleted={}",
        ClusterDefaults.name(cluster),
        ClusterDefaults.namespace(cluster),
        status.phase,
        status.readyBrokers,
        applied.created(),
        applied.updated(),
        applied.deleted());
    cluster.setStatus(status);
    return UpdateControl.patchStatus(cluster)
        .rescheduleAfter("Ready".equals(status.phase) ? requeueReady : requeueNotReady);
  }

  /**
   * The reconcile threw (typically the API server refused an object): keep the other conditions,
   * set Ready=False with the message, and let JOSDK retry with back-off.
   */
  @Override
  public ErrorStatusUpdateControl<KafscaleCluster> updateErrorStatus(
      KafscaleCluster cluster, Context<KafscaleCluster> context, Exception e) {
    log.warn(
        "reconcile failed cluster={} namespace={} error={}",
        ClusterDefaults.name(cluster),
        ClusterDefaults.namespace(cluster),
        e.toString());
    cluster.setStatus(ClusterStatusFactory.failed(cluster, e, clock.instant()));
    return ErrorStatusUpdateControl.patchStatus(cluster);
  }

  @Override
  public DeleteControl cleanup(KafscaleCluster cluster, Context<KafscaleCluster> context) {
    etcdProbe.release(key(cluster));
    return DeleteControl.defaultDelete();
  }

  private static String key(KafscaleCluster c) {
    return ClusterDefaults.namespace(c) + "/" + ClusterDefaults.name(c);
  }

  private static StatefulSet existingEtcd(KubernetesClient client, KafscaleCluster c) {
    if (!ClusterDefaults.managedEtcd(c)) {
      return null;
    }
    return client
        .apps()
        .statefulSets()
        .inNamespace(ClusterDefaults.namespace(c))
        .withName(ClusterDefaults.etcdName(c))
        .get();
  }

  private Check etcdCheck(KubernetesClient client, KafscaleCluster cluster) {
    EtcdConfigResolver.Resolution r = etcdConfigs.resolve(client, cluster);
    if (r.config().isEmpty()) {
      return new Check(false, "EtcdSecretInvalid", r.problem());
    }
    return Check.ofVolatile(
        etcdProbe.checkFor(key(cluster), r.config().get()),
        "EtcdReachable",
        "EtcdUnreachable",
        "etcd at " + ClusterDefaults.etcdEndpoints(cluster));
  }
}
