/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.kafscale.metadata.etcd.EtcdConfig;
import io.kafscale.operator.KafscaleOperator;
import io.kafscale.operator.MockKubernetes;
import io.kafscale.operator.Resources;
import io.kafscale.operator.crd.Condition;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import io.kafscale.operator.etcd.EtcdConfigResolver;
import io.kafscale.operator.model.ClusterDefaults;
import io.kafscale.operator.probe.ProbeResult;
import io.kafscale.operator.topic.KafscaleTopicReconciler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster reconciler, run by java-operator-sdk against fabric8's mock API server. */
class KafscaleClusterReconcilerMockServerTest {
  private static final String NS = "kafka";
  @TempDir Path tmp;
  private MockKubernetes kube;
  private KubernetesClient client;
  private Operator operator;
  private final AtomicReference<ProbeResult> etcd =
      new AtomicReference<>(ProbeResult.reachable("revision 1"));
  private final AtomicReference<ProbeResult> bucket =
      new AtomicReference<>(ProbeResult.reachable("HTTP 403"));

  @BeforeEach
  void start() throws Exception {
    kube = new MockKubernetes();
    client = kube.client();
    EtcdConfigResolver resolver = new EtcdConfigResolver(tmp);
    Duration requeue = Duration.ofMillis(300);
    KafscaleClusterReconciler clusters =
        new KafscaleClusterReconciler(
            (EtcdConfig c) -> etcd.get(),
            s3 -> bucket.get(),
            resolver,
            Clock.systemUTC(),
            new SimpleMeterRegistry(),
            requeue,
            requeue,
            ClusterDefaults.BROKER_IMAGE);
    KafscaleTopicReconciler topics =
        new KafscaleTopicReconciler(
            c -> {
              throw new UnsupportedOperationException("no topics here");
            },
            resolver,
            Clock.systemUTC(),
            Duration.ofSeconds(1),
            requeue);
    operator = KafscaleOperator.create(client, clusters, topics, Optional.empty());
    operator.start();
  }

  @AfterEach
  void stop() {
    operator.stop();
    kube.close();
  }

  @Test
  void shouldCreateEveryOwnedObjectWhenClusterIsCreated() {
    // Given
    KafscaleCluster cluster = Resources.cluster("golden/in-full.yaml");
    cluster.getMetadata().setNamespace(NS);
    cluster.getMetadata().setUid(null);
    cluster.getSpec().s3.credentialsSecretRef = null;

    // When
    client.resource(cluster).create();

    // Then
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(client.apps().deployments().inNamespace(NS).withName("prod-broker").get())
                  .isNotNull();
              assertThat(client.services().inNamespace(NS).withName("prod-broker").get())
                  .isNotNull();
              assertThat(client.services().inNamespace(NS).withName("prod-broker-headless").get())
                  .isNotNull();
              assertThat(client.services().inNamespace(NS).withName("prod-broker-external").get())
                  .isNotNull();
              assertThat(
                      client
                          .policy()
                          .v1()
                          .podDisruptionBudget()
                          .inNamespace(NS)
                          .withName("prod-broker")
                          .get())
                  .isNotNull();
              assertThat(
                      client
                          .autoscaling()
                          .v2()
                          .horizontalPodAutoscalers()
                          .inNamespace(NS)
                          .withName("prod-broker")
                          .get())
                  .isNotNull();
              assertThat(client.apps().statefulSets().inNamespace(NS).withName("prod-etcd").get())
                  .isNotNull();
              assertThat(client.services().inNamespace(NS).withName("prod-etcd").get()).isNotNull();
              assertThat(client.services().inNamespace(NS).withName("prod-etcd-client").get())
                  .isNotNull();
              assertThat(
                      client
                          .policy()
                          .v1()
                          .podDisruptionBudget()
                          .inNamespace(NS)
                          .withName("prod-etcd")
                          .get())
                  .isNotNull();
              assertThat(
                      client
                          .batch()
                          .v1()
                          .cronjobs()
                          .inNamespace(NS)
                          .withName("prod-etcd-snapshot")
                          .get())
                  .isNotNull();
              assertThat(client.apps().deployments().inNamespace(NS).withName("prod-console").get())
                  .isNotNull();
              assertThat(client.services().inNamespace(NS).withName("prod-console").get())
                  .isNotNull();
              assertThat(
                      client
                          .network()
                          .v1()
                          .ingresses()
                          .inNamespace(NS)
                          .withName("prod-console")
                          .get())
                  .isNotNull();
              assertThat(
                      client
                          .policy()
                          .v1()
                          .podDisruptionBudget()
                          .inNamespace(NS)
                          .withName("prod-console")
                          .get())
                  .isNotNull();
            });
    Deployment brokers = client.apps().deployments().inNamespace(NS).withName("prod-broker").get();
    KafscaleCluster stored =
        client.resources(KafscaleCluster.class).inNamespace(NS).withName("prod").get();
    assertThat(brokers.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(r -> assertThat(r.getUid()).isEqualTo(stored.getMetadata().getUid()));
  }

  @Test
  void shouldUpdateObjectsAndReportReadyWhenSpecChangesAndBrokersBecomeReady() {
    // Given
    create(minimal());
    awaitDeployment(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(3));

    // When
    edit(
        stored -> {
          stored.getSpec().brokers = new KafscaleClusterSpec.Brokers();
          stored.getSpec().brokers.replicas = 5;
          stored.getSpec().brokers.image = "kafscale-broker:next";
        });
    markReady(5);

    // Then
    awaitDeployment(
        d -> {
          assertThat(d.getSpec().getReplicas()).isEqualTo(5);
          assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
              .isEqualTo("kafscale-broker:next");
        });
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              KafscaleCluster c = get();
              assertThat(c.getStatus()).isNotNull();
              assertThat(c.getStatus().phase).isEqualTo("Ready");
              assertThat(c.getStatus().readyBrokers).isEqualTo(5);
              assertThat(c.getStatus().observedGeneration)
                  .isEqualTo(c.getMetadata().getGeneration());
              assertThat(condition(c, "Ready").status).isEqualTo("True");
            });
  }

  @Test
  void shouldLeaveReplicasToTheAutoscalerWhenAutoscalingIsEnabled() {
    // Given
    KafscaleCluster cluster = minimal();
    cluster.getSpec().brokers = new KafscaleClusterSpec.Brokers();
    cluster.getSpec().brokers.autoscaling = new KafscaleClusterSpec.Autoscaling();
    cluster.getSpec().brokers.autoscaling.enabled = true;
    cluster.getSpec().brokers.autoscaling.minReplicas = 2;
    create(cluster);
    awaitDeployment(d -> assertThat(d.getSpec().getReplicas()).isNull());
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .autoscaling()
                            .v2()
                            .horizontalPodAutoscalers()
                            .inNamespace(NS)
                            .withName("demo-broker")
                            .get()
                            .getSpec()
                            .getMinReplicas())
                    .isEqualTo(2));

    // When: the HPA scales to 7, then the spec changes elsewhere
    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName("demo-broker")
        .edit(
            d -> {
              d.getSpec().setReplicas(7);
              return d;
            });
    edit(stored -> stored.getSpec().brokers.jvmOptions = "-Xmx2g");

    // Then
    awaitDeployment(
        dep -> {
          assertThat(dep.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
              .anySatisfy(e -> assertThat(e.getValue()).isEqualTo("-Xmx2g"));
          assertThat(dep.getSpec().getReplicas()).isEqualTo(7);
        });
  }

  @Test
  void shouldRestoreReplicasWhenSomeoneScalesBrokersWithoutAutoscaling() {
    // Given
    create(minimal());
    awaitDeployment(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(3));

    // When
    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName("demo-broker")
        .edit(
            d -> {
              d.getSpec().setReplicas(0);
              return d;
            });

    // Then
    awaitDeployment(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(3));
  }

  @Test
  void shouldRemoveAutoscalerWhenAutoscalingIsTurnedOff() {
    // Given
    KafscaleCluster cluster = minimal();
    cluster.getSpec().brokers = new KafscaleClusterSpec.Brokers();
    cluster.getSpec().brokers.autoscaling = new KafscaleClusterSpec.Autoscaling();
    cluster.getSpec().brokers.autoscaling.enabled = true;
    create(cluster);
    await().atMost(Duration.ofSeconds(20)).until(() -> hpa() != null);

    // When
    edit(stored -> stored.getSpec().brokers.autoscaling.enabled = false);

    // Then
    await().atMost(Duration.ofSeconds(20)).until(() -> hpa() == null);
    awaitDeployment(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(3));
  }

  @Test
  void shouldReportMissingCredentialsSecret() {
    // Given
    KafscaleCluster cluster = minimal();
    cluster.getSpec().s3.credentialsSecretRef = new KafscaleClusterSpec.CredentialsSecretRef();
    cluster.getSpec().s3.credentialsSecretRef.name = "s3-creds";

    // When
    create(cluster);

    // Then
    awaitCondition(
        "StorageReachable",
        "False",
        "CredentialsSecretMissing",
        "S3 credentials secret 's3-creds' not found in namespace 'kafka'");
    awaitCondition(
        "Ready",
        "False",
        "CredentialsSecretMissing",
        "S3 credentials secret 's3-creds' not found in namespace 'kafka'");
    assertThat(get().getStatus().phase).isEqualTo("Degraded");

    // When the secret appears
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("s3-creds")
                .withNamespace(NS)
                .endMetadata()
                .withStringData(Map.of("accessKeyId", "id", "secretAccessKey", "secret"))
                .build())
        .create();

    // Then
    awaitCondition(
        "StorageReachable",
        "True",
        "BucketReachable",
        "S3 bucket 'kafscale-demo' reachable (HTTP 403)");
  }

  @Test
  void shouldRunTheConsoleReportItsMissingSecretAndRemoveItWhenDisabled() {
    // Given
    KafscaleCluster cluster = minimal();
    cluster.getSpec().console = new KafscaleClusterSpec.Console();
    cluster.getSpec().console.enabled = true;
    cluster.getSpec().console.readOnly = true;
    cluster.getSpec().console.credentialsSecretRef =
        new KafscaleClusterSpec.ConsoleCredentialsSecretRef();
    cluster.getSpec().console.credentialsSecretRef.name = "console-login";

    // When
    create(cluster);

    // Then
    awaitCondition(
        "ConsoleReady",
        "False",
        "CredentialsSecretMissing",
        "console credentials secret 'console-login' not found in namespace 'kafka'");
    Deployment console = consoleDeployment();
    var container = console.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("KAFSCALE_CONSOLE_PASSWORD");
              assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("console-login");
            })
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("KAFSCALE_CONSOLE_READ_ONLY");
              assertThat(e.getValue()).isEqualTo("true");
            });
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(condition(get(), "Ready").reason).isNotEqualTo("CredentialsSecretMissing");

    // When the secret appears and the console pod becomes ready
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("console-login")
                .withNamespace(NS)
                .endMetadata()
                .withStringData(Map.of("username", "admin", "password", "s3cret"))
                .build())
        .create();
    awaitCondition("ConsoleReady", "False", "ConsoleNotReady", "0/1 console pods ready");
    console = consoleDeployment();
    console.setStatus(new DeploymentStatusBuilder().withReplicas(1).withReadyReplicas(1).build());
    client.resource(console).updateStatus();

    // Then
    awaitCondition("ConsoleReady", "True", "ConsoleReady", "1/1 console pods ready");
    assertThat(get().getStatus().endpoints.console).isEqualTo("http://demo-console.kafka.svc:8080");

    // When
    edit(stored -> stored.getSpec().console.enabled = false);

    // Then
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(consoleDeployment()).isNull();
              assertThat(client.services().inNamespace(NS).withName("demo-console").get()).isNull();
              assertThat(condition(get(), "ConsoleReady").reason).isEqualTo("ConsoleDisabled");
            });
  }

  private Deployment consoleDeployment() {
    return client.apps().deployments().inNamespace(NS).withName("demo-console").get();
  }

  @Test
  void shouldReportUnreachableEtcdAndUnreachableBucket() {
    // Given
    etcd.set(ProbeResult.unreachable("connection refused"));
    bucket.set(ProbeResult.unreachable("UnknownHostException: s3.invalid"));

    // When
    create(minimal());

    // Then
    awaitCondition(
        "EtcdAvailable",
        "False",
        "EtcdUnreachable",
        "etcd at http://demo-etcd-client.kafka.svc:2379 unreachable: connection refused");
    awaitCondition(
        "StorageReachable",
        "False",
        "BucketUnreachable",
        "S3 bucket 'kafscale-demo' unreachable: UnknownHostException: s3.invalid");

    // When etcd recovers
    etcd.set(ProbeResult.reachable("revision 9"));

    // Then
    awaitCondition(
        "EtcdAvailable",
        "True",
        "EtcdReachable",
        "etcd at http://demo-etcd-client.kafka.svc:2379 reachable");
  }

  @Test
  void shouldRefuseToResizeTheManagedEtcdAndKeepItsStatefulSet() {
    // Given: a cluster with the default 3-member managed etcd
    create(minimal());
    await().atMost(Duration.ofSeconds(20)).until(() -> etcdStatefulSet() != null);
    java.util.List<String> argsBefore =
        etcdStatefulSet().getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();

    // When: the user asks for 5 members (the API server's CEL rule is not run by the mock)
    edit(
        stored -> {
          stored.getSpec().etcd = new KafscaleClusterSpec.Etcd();
          stored.getSpec().etcd.managed = new KafscaleClusterSpec.ManagedEtcd();
          stored.getSpec().etcd.managed.replicas = 5;
        });

    // Then
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Condition ready = condition(get(), "Ready");
              assertThat(ready.reason).isEqualTo(EtcdChangeGuard.REASON);
              assertThat(ready.message).contains("members 3 -> 5");
            });
    assertThat(etcdStatefulSet().getSpec().getReplicas()).isEqualTo(3);
    assertThat(etcdStatefulSet().getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .isEqualTo(argsBefore);
  }

  @Test
  void shouldLetADeletedClusterGoAfterReleasingItsEtcdClient() {
    // Given
    create(minimal());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> get() != null && !get().getMetadata().getFinalizers().isEmpty());

    // When
    client.resource(get()).delete();

    // Then
    await().atMost(Duration.ofSeconds(20)).until(() -> get() == null);
  }

  private io.fabric8.kubernetes.api.model.apps.StatefulSet etcdStatefulSet() {
    return client.apps().statefulSets().inNamespace(NS).withName("demo-etcd").get();
  }

  private KafscaleCluster minimal() {
    KafscaleCluster c = Resources.cluster("golden/in-default.yaml");
    c.getMetadata().setUid(null);
    return c;
  }

  private void create(KafscaleCluster c) {
    c.getMetadata().setNamespace(NS);
    client.resource(c).create();
  }

  /**
   * Changes the spec as a user would, without racing the operator's status writes; retried when it
   * conflicts with the operator's own patch (its finalizer, say), as kubectl edit would be.
   */
  private void edit(java.util.function.Consumer<KafscaleCluster> change) {
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptionsInstanceOf(io.fabric8.kubernetes.client.KubernetesClientException.class)
        .until(
            () ->
                client
                        .resources(KafscaleCluster.class)
                        .inNamespace(NS)
                        .withName("demo")
                        .edit(
                            c -> {
                              change.accept(c);
                              return c;
                            })
                    != null);
  }

  private KafscaleCluster get() {
    return client.resources(KafscaleCluster.class).inNamespace(NS).withName("demo").get();
  }

  private Object hpa() {
    return client
        .autoscaling()
        .v2()
        .horizontalPodAutoscalers()
        .inNamespace(NS)
        .withName("demo-broker")
        .get();
  }

  private void markReady(int n) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Deployment d =
                  client.apps().deployments().inNamespace(NS).withName("demo-broker").get();
              assertThat(d.getSpec().getReplicas()).isEqualTo(n);
              d.setStatus(
                  new DeploymentStatusBuilder()
                      .withReplicas(n)
                      .withReadyReplicas(n)
                      .withUpdatedReplicas(n)
                      .withAvailableReplicas(n)
                      .withObservedGeneration(d.getMetadata().getGeneration())
                      .build());
              client.resource(d).updateStatus();
            });
  }

  private void awaitDeployment(java.util.function.Consumer<Deployment> check) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Deployment d =
                  client.apps().deployments().inNamespace(NS).withName("demo-broker").get();
              assertThat(d).isNotNull();
              check.accept(d);
            });
  }

  private void awaitCondition(String type, String status, String reason, String message) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Condition c = condition(get(), type);
              assertThat(c.status).isEqualTo(status);
              assertThat(c.reason).isEqualTo(reason);
              assertThat(c.message).isEqualTo(message);
            });
  }

  private static Condition condition(KafscaleCluster c, String type) {
    assertThat(c.getStatus()).isNotNull();
    return c.getStatus().conditions.stream()
        .filter(x -> type.equals(x.type))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no condition " + type));
  }
}
