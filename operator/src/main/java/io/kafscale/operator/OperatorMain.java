/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.kafscale.operator.cluster.KafscaleClusterReconciler;
import io.kafscale.operator.config.OperatorConfig;
import io.kafscale.operator.etcd.EtcdConfigResolver;
import io.kafscale.operator.etcd.EtcdConnections;
import io.kafscale.operator.probe.HttpStorageProbe;
import io.kafscale.operator.topic.KafscaleTopicReconciler;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the operator: reads {@link OperatorConfig} from the environment, starts the admin
 * HTTP server, connects to the API server (in-cluster config), and runs both reconcilers, behind a
 * leader-election Lease unless disabled. Exits 2 on invalid configuration.
 */
public final class OperatorMain {
  private static final Logger log = LoggerFactory.getLogger(OperatorMain.class);

  private OperatorMain() {}

  public static void main(String[] args) throws Exception {
    OperatorConfig config;
    try {
      config = OperatorConfig.fromEnv(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    LoggingSetup.apply(config.logLevel(), config.jsonLogs());
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    Clock clock = Clock.systemUTC();
    KubernetesClient client = new KubernetesClientBuilder().build();
    EtcdConnections etcd = new EtcdConnections(clock, config.etcdTimeout());
    EtcdConfigResolver resolver = new EtcdConfigResolver(config.tlsDir());
    KafscaleClusterReconciler clusters =
        new KafscaleClusterReconciler(
            etcd,
            new HttpStorageProbe(config.etcdTimeout()),
            resolver,
            clock,
            meters,
            Duration.ofMinutes(2),
            Duration.ofSeconds(15),
            config.defaultBrokerImage());
    KafscaleTopicReconciler topics =
        new KafscaleTopicReconciler(
            etcd, resolver, clock, config.etcdTimeout().multipliedBy(3), Duration.ofSeconds(15));
    Optional<LeaderElectionConfiguration> election =
        config.leaderElection()
            ? Optional.of(
                new LeaderElectionConfiguration(
                    config.leaseName(), config.namespace(), config.podName()))
            : Optional.empty();
    Operator operator =
        KafscaleOperator.create(client, clusters, topics, election, config.watchNamespaces());
    CountDownLatch stopped = new CountDownLatch(1);
    AdminServer admin =
        new AdminServer(
            config.httpAddress(),
            () -> stopped.getCount() > 0,
            () ->
                operator.getRuntimeInfo().isStarted()
                    && operator.getRuntimeInfo().allEventSourcesAreHealthy(),
            meters);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping operator");
                  operator.stop();
                  etcd.close();
                  admin.close();
                  client.close();
                  stopped.countDown();
                },
                "operator-shutdown"));
    log.info(
        "starting operator namespace={} leaderElection={} watch={} http={}",
        config.namespace(),
        config.leaderElection(),
        config.watchNamespaces().isEmpty() ? "all" : config.watchNamespaces(),
        admin.port());
    operator.start();
    stopped.await();
  }
}
