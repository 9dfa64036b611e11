/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.Operator;
import io.kafscale.operator.cluster.KafscaleClusterReconciler;
import io.kafscale.operator.cluster.OwnedResourceApplier;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleTopic;
import io.kafscale.operator.crd.KafscaleTopicSpec;
import io.kafscale.operator.etcd.EtcdConfigResolver;
import io.kafscale.operator.model.ClusterDefaults;
import io.kafscale.operator.model.DesiredResources;
import io.kafscale.operator.probe.ProbeResult;
import io.kafscale.operator.topic.KafscaleTopicReconciler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Derives the operator's permissions from the calls it makes: the operator runs against the mock
 * API server with its own user agent through a cluster's whole life (create every optional object,
 * re-apply each after an upgrade, delete the optional ones, a topic, delete the cluster), every
 * request it sends becomes a verb on a resource, and rbac/clusterrole.yaml must grant exactly
 * those, plus the few grants listed in {@link #NOT_CALLED} with the reason no call shows them.
 */
class OperatorRbacTest {
  private static final String NS = "kafka";
  private static final String UA = "kafscale-operator-rbac-test";
  private static final Pattern PATH =
      Pattern.compile(
          "^/(?:api/v1|apis/([^/]+)/[^/]+)(?:/namespaces/[^/]+)?/([a-z]+)(?:/([^/?]+))?(?:/([a-z]+))?");

  /** Granted but not visible as a call, each with the reason. */
  private static final Map<String, String> NOT_CALLED =
      Map.of(
          "update kafscale.io/kafscaleclusters/finalizers",
              "owner references with blockOwnerDeletion need it (OwnerReferencesPermissionEnforcement)",
          "get kafscale.io/kafscaletopics",
              "java-operator-sdk re-reads the resource when a finalizer patch conflicts");

  @TempDir Path tmp;
  private MockKubernetes kube;
  private KubernetesClient client;
  private KubernetesClient operatorClient;
  private Operator operator;

  @BeforeEach
  void start() throws Exception {
    kube = new MockKubernetes();
    client = kube.client();
    operatorClient = kube.client(UA);
    EtcdConfigResolver resolver = new EtcdConfigResolver(tmp);
    Duration requeue = Duration.ofMillis(300);
    operator =
        KafscaleOperator.create(
            operatorClient,
            new KafscaleClusterReconciler(
                cfg -> ProbeResult.reachable("revision 1"),
                s3 -> ProbeResult.reachable("HTTP 403"),
                resolver,
                Clock.systemUTC(),
                new SimpleMeterRegistry(),
                requeue,
                requeue,
                ClusterDefaults.BROKER_IMAGE),
            new KafscaleTopicReconciler(
                c -> {
                  throw new UnsupportedOperationException("no etcd here");
                },
                resolver,
                Clock.systemUTC(),
                Duration.ofSeconds(1),
                requeue),
            Optional.empty());
    operator.start();
  }

  @AfterEach
  void stop() {
    operator.stop();
    operatorClient.close();
    kube.close();
  }

  @Test
  void shouldGrantExactlyTheVerbsTheOperatorUses() throws Exception {
    // Given: a cluster with every optional object, and its S3 credentials
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("kafscale-s3")
                .withNamespace(NS)
                .endMetadata()
                .withStringData(
                    Map.of(
                        "AWS_ACCESS_KEY_ID",
                        "id",
                        "AWS_SECRET_ACCESS_KEY",
                        "s",
                        "AWS_SESSION_TOKEN",
                        "t"))
                .build())
        .create();
    KafscaleCluster cluster = Resources.cluster("golden/in-full.yaml");
    cluster.getMetadata().setUid(null);
    cluster.getMetadata().setNamespace(NS);
    client.resource(cluster).create();
    List<HasMetadata> owned = DesiredResources.build(stored());
    await().atMost(Duration.ofSeconds(30)).until(() -> owned.stream().allMatch(this::exists));

    // When: an upgrade changes every object (stale hash), then the optional parts are switched off
    for (HasMetadata o : owned) {
      await()
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptionsInstanceOf(io.fabric8.kubernetes.client.KubernetesClientException.class)
          .until(
              () -> {
                HasMetadata live = client.resource(o).get();
                live.getMetadata()
                    .getAnnotations()
                    .put(OwnedResourceApplier.HASH_ANNOTATION, "stale");
                return client.resource(live).update() != null;
              });
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> owned.stream().noneMatch(o -> "stale".equals(hash(o))));
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptionsInstanceOf(io.fabric8.kubernetes.client.KubernetesClientException.class)
        .until(
            () ->
                client
                        .resources(KafscaleCluster.class)
                        .inNamespace(NS)
                        .withName("prod")
                        .edit(
                            c -> {
                              c.getSpec().console.enabled = false;
                              c.getSpec().brokers.autoscaling.enabled = false;
                              c.getSpec().brokers.external.enabled = false;
                              c.getSpec().etcd.managed = null;
                              c.getSpec().etcd.endpoints = List.of("http://etcd.example:2379");
                              return c;
                            })
                    != null);
    List<HasMetadata> remaining = DesiredResources.build(stored());
    List<HasMetadata> gone =
        owned.stream().filter(o -> remaining.stream().noneMatch(r -> same(r, o))).toList();
    await().atMost(Duration.ofSeconds(30)).until(() -> gone.stream().noneMatch(this::exists));
    KafscaleTopic topic = new KafscaleTopic();
    topic.setMetadata(new ObjectMetaBuilder().withName("orphan").withNamespace(NS).build());
    topic.setSpec(new KafscaleTopicSpec());
    topic.getSpec().clusterRef = "nope";
    topic.getSpec().partitions = 1;
    client.resource(topic).create();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              KafscaleTopic t =
                  client.resources(KafscaleTopic.class).inNamespace(NS).withName("orphan").get();
              return t.getStatus() != null && t.getStatus().conditions != null;
            });
    client.resource(stored()).delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> stored() == null);

    // Then
    Set<String> used = new TreeSet<>();
    for (RecordedRequest r : kube.takeRequests()) {
      if (UA.equals(r.getHeader("User-Agent"))) {
        used.add(permission(r));
      }
    }
    Set<String> granted = granted();
    assertThat(granted).as("every call the operator made is granted").containsAll(used);
    Set<String> unused = new TreeSet<>(granted);
    unused.removeAll(used);
    assertThat(unused).as("every grant is used").isSubsetOf(NOT_CALLED.keySet());
  }

  private KafscaleCluster stored() {
    return client.resources(KafscaleCluster.class).inNamespace(NS).withName("prod").get();
  }

  private boolean exists(HasMetadata o) {
    return client.resource(o).get() != null;
  }

  private String hash(HasMetadata o) {
    HasMetadata live = client.resource(o).get();
    return live == null
        ? null
        : live.getMetadata().getAnnotations().get(OwnedResourceApplier.HASH_ANNOTATION);
  }

  private static boolean same(HasMetadata a, HasMetadata b) {
    return a.getKind().equals(b.getKind())
        && a.getMetadata().getName().equals(b.getMetadata().getName());
  }

  /** "verb group/resource[/subresource]" of a request, as RBAC sees it. */
  static String permission(RecordedRequest r) {
    String path = r.getPath();
    Matcher m = PATH.matcher(path);
    if (!m.find()) {
      throw new AssertionError("unexpected request path " + path);
    }
    String group = m.group(1) == null ? "" : m.group(1);
    String resource = m.group(2) + (m.group(4) == null ? "" : "/" + m.group(4));
    boolean named = m.group(3) != null;
    String verb =
        switch (r.getMethod()) {
          case "GET" -> path.contains("watch=true") ? "watch" : named ? "get" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> named ? "delete" : "deletecollection";
          default -> throw new AssertionError("unexpected method " + r.getMethod());
        };
    return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource;
  }

  @SuppressWarnings("unchecked")
  private static Set<String> granted() {
    Set<String> out = new TreeSet<>();
    for (Map<String, Object> rule :
        (List<Map<String, Object>>) Resources.yaml("rbac/clusterrole.yaml").get("rules")) {
      for (Object group : (List<Object>) rule.get("apiGroups")) {
        for (Object resource : (List<Object>) rule.get("resources")) {
          for (Object verb : (List<Object>) rule.get("verbs")) {
            String g = group.toString().isEmpty() ? "core" : group.toString();
            out.add(verb + " " + g + "/" + resource);
          }
        }
      }
    }
    return out;
  }
}
