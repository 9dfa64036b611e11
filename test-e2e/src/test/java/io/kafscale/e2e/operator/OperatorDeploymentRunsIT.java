/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kafscale.broker.testing.BrokerProcess;
import io.kafscale.broker.testing.RepoRoot;
import io.kafscale.e2e.helm.Manifests;
import io.kafscale.e2e.helm.OpenApiSchema;
import io.kafscale.metadata.testing.EtcdServer;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.model.BrokerDeploymentModel;
import io.kafscale.storage.testing.S3MockServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "The operator's output runs": the broker Deployment the operator's own model builds for a
 * KafscaleCluster (external etcd, S3 credentials from a Secret) is started as a local process with
 * exactly its container's environment and the broker image's entrypoint ({@link LoopbackPod} lists
 * the only translations: pod IP, ports, volumes), against a real etcd and S3Mock. The probes the
 * Deployment declares must answer 200, Kafka clients must produce and consume through the broker,
 * and SIGTERM must end it within the pod's termination grace period.
 */
class OperatorDeploymentRunsIT {
  private static final String NAMESPACE = "streaming";
  private static final String SECRET = "s3-credentials";
  private static final Map<String, Map<String, String>> SECRETS =
      Map.of(SECRET, Map.of("accessKeyId", "test-access", "secretAccessKey", "test-secret"));

  @TempDir Path work;
  private EtcdServer etcd;
  private Process broker;

  @AfterEach
  void stop() throws InterruptedException {
    if (broker != null && broker.isAlive()) {
      broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (etcd != null) {
      etcd.close();
    }
  }

  @Test
  void shouldServeKafkaClientsFromTheBrokerDeploymentTheOperatorBuilds() throws Exception {
    // Given
    S3MockServer s3 = S3MockServer.shared();
    etcd = EtcdServer.start();
    KafscaleCluster cluster = cluster(s3, etcd);
    Deployment deployment = BrokerDeploymentModel.build(cluster);
    ImageEntrypoint image =
        ImageEntrypoint.parse(RepoRoot.find().resolve("docker/broker/Dockerfile"));
    assertImageMatches(deployment, image);
    LoopbackPod pod = loopback(deployment, image);
    Path log = work.resolve("broker.log");

    // When
    broker = start(pod, log);

    // Then
    await("broker readiness probe (log " + log + ")")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> alive(log) && allProbes(pod) == 200);
    assertThat(pod.probes())
        .extracting(LoopbackPod.HttpProbe::kind)
        .contains("readiness", "liveness");
    assertThat(pod.probes())
        .extracting(LoopbackPod.HttpProbe::path)
        .contains("/readyz", "/healthz");
    String bootstrap =
        pod.env().get("KAFSCALE_BROKER_HOST") + ":" + pod.env().get("KAFSCALE_BROKER_PORT");
    assertThat(bootstrap).startsWith("127.0.0.1:");
    List<String> values = produce(bootstrap, "orders", 50);
    assertThat(consume(bootstrap, "orders", values.size())).containsExactlyElementsOf(values);
    assertThat(allProbes(pod)).isEqualTo(200);

    // And a SIGTERM drains and exits within the pod's grace period.
    long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
    broker.destroy();
    assertThat(broker.waitFor(grace, TimeUnit.SECONDS))
        .as(
            "broker exits within terminationGracePeriodSeconds=%d; log:\n%s",
            grace, Files.readString(log))
        .isTrue();
  }

  /** A cluster spec as a user would write it, checked against the CRD before the model sees it. */
  private static KafscaleCluster cluster(S3MockServer s3, EtcdServer etcd) throws IOException {
    String yaml =
        """
        apiVersion: kafscale.io/v1alpha1
        kind: KafscaleCluster
        metadata:
          name: demo
          namespace: %s
        spec:
          brokers:
            replicas: 1
            shutdownTimeoutMs: 2000
            resources:
              requests: {cpu: 250m, memory: 512Mi}
              limits: {memory: 768Mi}
          s3:
            bucket: %s
            region: us-east-1
            endpoint: %s
            pathStyle: true
            namespace: operator-output-%s
            credentialsSecretRef: {name: %s}
          etcd:
            endpoints: ["%s"]
          config:
            flushIntervalMs: 5
            autoCreateTopics: true
        """
            .formatted(
                NAMESPACE, s3.bucket(), s3.endpoint(), UUID.randomUUID(), SECRET, etcd.endpoint());
    Map<String, Object> object = Manifests.parse(yaml).objects().get(0);
    Path crd =
        RepoRoot.find()
            .resolve("operator/src/main/resources/crds/kafscaleclusters.kafscale.io-v1.yml");
    assertThat(OpenApiSchema.ofCrd(Manifests.read(crd).objects().get(0)).validate(object))
        .isEmpty();
    return new KubernetesSerialization().unmarshal(yaml, KafscaleCluster.class);
  }

  /** The Deployment runs our broker image, as the user the image declares. */
  private static void assertImageMatches(Deployment deployment, ImageEntrypoint image) {
    var pod = deployment.getSpec().getTemplate().getSpec();
    var container =
        pod.getContainers().stream()
            .filter(c -> c.getName().equals(BrokerDeploymentModel.CONTAINER))
            .findFirst()
            .orElseThrow();
    assertThat(container.getImage()).startsWith("ghcr.io/kafscale/kafscale-broker:");
    assertThat(container.getCommand()).as("the image's ENTRYPOINT runs").isEmpty();
    assertThat(image.user())
        .isEqualTo(
            pod.getSecurityContext().getRunAsUser()
                + ":"
                + pod.getSecurityContext().getRunAsGroup());
  }

  private LoopbackPod loopback(Deployment deployment, ImageEntrypoint image) throws IOException {
    Map<Integer, Integer> ports = new HashMap<>();
    deployment.getSpec().getTemplate().getSpec().getContainers().stream()
        .flatMap(c -> c.getPorts().stream())
        .forEach(p -> ports.put(p.getContainerPort(), freePort()));
    Map<String, Path> volumes = new HashMap<>();
    for (var volume : deployment.getSpec().getTemplate().getSpec().getVolumes()) {
      assertThat(volume.getEmptyDir()).as("volume %s is an emptyDir", volume.getName()).isNotNull();
      volumes.put(
          volume.getName(),
          Files.createDirectories(work.resolve("volumes").resolve(volume.getName())));
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    LoopbackPod.Context ctx =
        new LoopbackPod.Context(
            "demo-broker-7d9f-x2x4q",
            NAMESPACE,
            ports,
            volumes,
            SECRETS,
            Map.of(
                "java",
                java.toString(),
                "/opt/kafscale/kafscale-broker.jar",
                BrokerProcess.jar().toString()));
    return LoopbackPod.of(deployment, BrokerDeploymentModel.CONTAINER, image, ctx);
  }

  private static Process start(LoopbackPod pod, Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(pod.command());
    // A container starts with the image's and pod's variables only.
    builder.environment().keySet().removeIf(k -> !k.equals("PATH") && !k.equals("HOME"));
    builder.environment().putAll(pod.env());
    builder.directory(Files.createDirectories(pod.workdir()).toFile());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    System.out.println("operator-output broker: " + pod.command() + "\nenv " + redacted(pod.env()));
    return builder.start();
  }

  private boolean alive(Path log) throws IOException {
    if (!broker.isAlive()) {
      throw new AssertionError(
          "broker exited with " + broker.exitValue() + ":\n" + Files.readString(log));
    }
    return true;
  }

  /** 200 when every probe of the Deployment answers 200, else the first other status (-1: down). */
  private static int allProbes(LoopbackPod pod) {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      for (LoopbackPod.HttpProbe probe : pod.probes()) {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + probe.port() + probe.path()))
                .timeout(Duration.ofSeconds(2))
                .build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
          return status;
        }
      }
      return 200;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static List<String> produce(String bootstrap, String topic, int count) throws Exception {
    List<String> values = new ArrayList<>();
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      for (int i = 0; i < count; i++) {
        values.add("order-" + i);
        producer.send(new ProducerRecord<>(topic, "k" + i, "order-" + i)).get(30, TimeUnit.SECONDS);
      }
    }
    return values;
  }

  private static List<String> consume(String bootstrap, String topic, int count) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "operator-output",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class.getName());
    List<String> seen = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      await("consume " + count + " records")
          .atMost(Duration.ofSeconds(45))
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                  seen.add(r.value());
                }
                return seen.size() >= count;
              });
    }
    return seen;
  }

  private static Map<String, String> redacted(Map<String, String> env) {
    Map<String, String> out = new HashMap<>(env);
    out.replaceAll((k, v) -> k.contains("SECRET") || k.contains("PASSWORD") ? "***" : v);
    return out;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
