/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.helm;

import static io.kafscale.e2e.helm.Manifests.at;
import static io.kafscale.e2e.helm.Manifests.list;
import static io.kafscale.e2e.helm.Manifests.map;
import static io.kafscale.e2e.helm.Manifests.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.e2e.support.Exec;
import io.kafscale.operator.config.OperatorConfig;
import io.kafscale.operator.model.ClusterDefaults;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart linted ({@code helm lint --strict}) and rendered ({@code helm template}) with
 * default and with non-default values ({@code helm/values-full.yaml}); the rendered objects are
 * checked for Kubernetes shape, security and probes, RBAC coverage and (custom resources) against
 * the CRD schemas. Skips only when helm is absent and {@code scripts/install-helm.sh} cannot
 * install it; {@code make test} installs it first.
 */
class HelmChartIT {
  private static final String NS = "kafscale-system";
  private static Helm helm;
  private static Path fullValues;

  @BeforeAll
  static void locateHelm() throws Exception {
    helm = Helm.locate().orElse(null);
    Assumptions.assumeTrue(
        helm != null, "SKIPPED: no helm binary and it cannot be installed: " + Helm.whyMissing());
    fullValues = OpenApiSchemaTest.resource("values-full.yaml");
  }

  @Test
  void shouldLintStrictWithDefaultValues() {
    // When
    Exec.Result result = helm.lint(List.of());
    // Then
    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
  }

  @Test
  void shouldLintStrictWithEveryOptionalPartSwitchedOn() {
    // When
    Exec.Result result = helm.lint(List.of(fullValues));
    // Then
    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
  }

  @Test
  void shouldRenderOperatorRbacAndCrdsWithDefaultValues() {
    // When
    Manifests out = render(List.of());
    // Then
    assertThat(out.kinds())
        .containsExactlyInAnyOrder(
            "CustomResourceDefinition",
            "CustomResourceDefinition",
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "Deployment",
            "Service");
    assertWellFormed(out);
    Map<String, Object> operator = out.get("Deployment", "kafscale-operator");
    Map<String, Object> container = list(operator, "spec.template.spec.containers").get(0);
    assertThat(string(container, "image"))
        .isEqualTo("ghcr.io/kafscale/kafscale-operator:" + appVersion());
    assertThat(envValue(container, "KAFSCALE_OPERATOR_LEADER_ELECTION")).isEqualTo("true");
    assertThat(envValue(container, "KAFSCALE_OPERATOR_WATCH_NAMESPACES")).isEmpty();
    assertThat(envValue(container, "KAFSCALE_OPERATOR_BROKER_IMAGE"))
        .isEqualTo("ghcr.io/kafscale/kafscale-broker:" + appVersion());
    // The operator's own default (its project version) is the image the chart passes.
    assertThat(envValue(container, "KAFSCALE_OPERATOR_BROKER_IMAGE"))
        .isEqualTo(ClusterDefaults.BROKER_IMAGE);
    assertThat(string(operator, "spec.template.spec.serviceAccountName"))
        .isEqualTo("kafscale-operator");
  }

  @Test
  void shouldRenderConsoleExampleClusterAndNamespacedRbacWithFullValues() {
    // When
    Manifests out = render(List.of(fullValues));
    // Then
    assertWellFormed(out);
    assertThat(out.ofKind("Deployment"))
        .extracting(d -> string(d, "metadata.name"))
        .containsExactlyInAnyOrder("ks-operator", "ks-console");
    assertThat(out.ofKind("Service"))
        .extracting(d -> string(d, "metadata.name"))
        .containsExactlyInAnyOrder("ks-operator-metrics", "ks-console");
    assertThat(out.ofKind("ClusterRole")).isEmpty();
    assertThat(out.ofKind("Role"))
        .filteredOn(r -> !isHook(r))
        .extracting(r -> string(r, "metadata.namespace"))
        .containsExactlyInAnyOrder("team-a", "team-b", NS, NS);
    assertThat(out.ofKind("KafscaleCluster")).hasSize(1);
    assertThat(out.ofKind("KafscaleTopic")).hasSize(1);
    Map<String, Object> container =
        list(out.get("Deployment", "ks-operator"), "spec.template.spec.containers").get(0);
    assertThat(string(container, "image"))
        .isEqualTo("registry.example.com/kafscale/kafscale-operator:9.9.9");
    assertThat(envValue(container, "KAFSCALE_OPERATOR_WATCH_NAMESPACES"))
        .isEqualTo("team-a,team-b,kafscale-system");
    assertThat(envValue(container, "EXTRA_SETTING")).isEqualTo("on");
    assertThat(at(container, "args")).isEqualTo(List.of("--verbose"));
    assertThat(map(out.get("ServiceAccount", "kafscale-operator-sa"), "metadata.annotations"))
        .containsKey("eks.amazonaws.com/role-arn");
  }

  @Test
  void shouldConfigureTheOperatorOnlyThroughVariablesItReads() {
    for (List<Path> values : List.of(List.<Path>of(), List.of(fullValues))) {
      // Given
      Manifests out = render(values);
      Map<String, Object> deployment =
          out.ofKind("Deployment").stream()
              .filter(d -> string(d, "metadata.name").endsWith("-operator"))
              .findFirst()
              .orElseThrow();
      Map<String, Object> container = list(deployment, "spec.template.spec.containers").get(0);
      Map<String, String> env = new HashMap<>();
      for (Map<String, Object> var : list(container, "env")) {
        String field = string(var, "valueFrom.fieldRef.fieldPath");
        env.put(string(var, "name"), field == null ? string(var, "value") : "from-" + field);
      }
      // When
      OperatorConfig config = OperatorConfig.fromEnv(env);
      // Then
      assertThat(config.namespace()).isEqualTo("from-metadata.namespace");
      assertThat(config.podName()).isEqualTo("from-metadata.name");
      assertThat(String.join(",", new TreeSet<>(config.watchNamespaces())))
          .isEqualTo(
              String.join(
                  ",",
                  new TreeSet<>(
                      Arrays.stream(env.get("KAFSCALE_OPERATOR_WATCH_NAMESPACES").split(","))
                          .filter(n -> !n.isEmpty())
                          .toList())));
      assertThat(config.leaderElection()).isTrue();
      assertThat(config.leaseName()).isEqualTo(env.get("KAFSCALE_OPERATOR_LEASE_NAME"));
      assertThat(config.defaultBrokerImage()).isEqualTo(env.get("KAFSCALE_OPERATOR_BROKER_IMAGE"));
      assertThat(config.logLevel()).isEqualTo(env.get("KAFSCALE_LOG_LEVEL"));
      Object httpPort =
          list(container, "ports").stream()
              .filter(p -> "http".equals(p.get("name")))
              .map(p -> p.get("containerPort"))
              .findFirst()
              .orElseThrow();
      assertThat(config.httpAddress().getPort())
          .as("operator serves probes on the declared port")
          .isEqualTo(httpPort);
      Set<String> known = Set.of("JAVA_TOOL_OPTIONS", "EXTRA_SETTING");
      assertThat(env.keySet())
          .allSatisfy(
              name ->
                  assertThat(name.startsWith("KAFSCALE_") || known.contains(name))
                      .as(name)
                      .isTrue());
    }
  }

  @Test
  void shouldRenderCustomResourcesThatTheCrdSchemasAccept() {
    // Given
    Manifests out = render(List.of(fullValues));
    Map<String, OpenApiSchema> schemas =
        out.ofKind("CustomResourceDefinition").stream()
            .collect(Collectors.toMap(c -> string(c, "spec.names.kind"), OpenApiSchema::ofCrd));
    // When
    List<Map<String, Object>> custom =
        out.objects().stream().filter(o -> schemas.containsKey(o.get("kind"))).toList();
    // Then
    assertThat(custom)
        .extracting(o -> o.get("kind"))
        .containsExactlyInAnyOrder("KafscaleCluster", "KafscaleTopic");
    for (Map<String, Object> resource : custom) {
      assertThat(string(resource, "apiVersion")).isEqualTo("kafscale.io/v1alpha1");
      assertThat(schemas.get(resource.get("kind")).validate(resource))
          .as("%s %s against its CRD", resource.get("kind"), string(resource, "metadata.name"))
          .isEmpty();
    }
    Map<String, Object> cluster = out.get("KafscaleCluster", "demo");
    assertThat(string(cluster, "spec.s3.credentialsSecretRef.name")).isEqualTo("s3-credentials");
    assertThat(at(cluster, "spec.etcd.endpoints"))
        .isEqualTo(List.of("http://etcd-0.etcd:2379", "etcd-1.etcd:2379"));
    assertThat(string(out.get("KafscaleTopic", "orders"), "spec.clusterRef")).isEqualTo("demo");
  }

  @Test
  void shouldConfigureTheStandaloneConsoleWithItsLoginFromTheSecretAndProbes() {
    // When
    Manifests out = render(List.of(fullValues));
    // Then
    Map<String, Object> container =
        list(out.get("Deployment", "ks-console"), "spec.template.spec.containers").get(0);
    assertThat(envValue(container, "KAFSCALE_CONSOLE_ADDR")).isEqualTo("0.0.0.0:8080");
    assertThat(envValue(container, "KAFSCALE_CONSOLE_BOOTSTRAP_SERVERS"))
        .isEqualTo("demo-broker.kafscale-system.svc:9092");
    assertThat(envValue(container, "KAFSCALE_CONSOLE_READ_ONLY")).isEqualTo("true");
    assertThat(envValue(container, "KAFSCALE_CONSOLE_BROKER_ADMIN_PORT")).isEqualTo("9193");
    assertThat(envValue(container, "KAFSCALE_ETCD_ENDPOINTS")).isEqualTo("http://etcd-0.etcd:2379");
    Map<String, Object> password =
        list(container, "env").stream()
            .filter(e -> "KAFSCALE_CONSOLE_PASSWORD".equals(e.get("name")))
            .findFirst()
            .orElseThrow();
    assertThat(string(password, "valueFrom.secretKeyRef.name")).isEqualTo("console-login");
    assertThat(string(password, "valueFrom.secretKeyRef.key")).isEqualTo("pass");
    assertThat(string(container, "startupProbe.httpGet.path")).isEqualTo("/healthz");
    assertThat(at(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
    assertThat(list(container, "volumeMounts"))
        .anySatisfy(m -> assertThat(string(m, "mountPath")).isEqualTo("/tmp"));
  }

  @Test
  void shouldGiveTheExampleClusterAConsoleThatTheCrdAccepts() {
    // When
    Manifests out = render(List.of(fullValues));
    // Then
    Map<String, Object> cluster = out.get("KafscaleCluster", "demo");
    assertThat(at(cluster, "spec.console.enabled")).isEqualTo(true);
    assertThat(at(cluster, "spec.console.readOnly")).isEqualTo(true);
    assertThat(at(cluster, "spec.console.replicas")).isEqualTo(2);
    assertThat(string(cluster, "spec.console.credentialsSecretRef.name"))
        .isEqualTo("demo-console-login");
    OpenApiSchema schema =
        OpenApiSchema.ofCrd(out.get("CustomResourceDefinition", "kafscaleclusters.kafscale.io"));
    assertThat(schema.validate(cluster)).isEmpty();
  }

  @Test
  void shouldRenderAManagedEtcdExampleClusterThatTheCrdAccepts() {
    // When
    Manifests out =
        render(
            List.of(),
            Map.of("exampleCluster.enabled", "true", "exampleCluster.s3.bucket", "my-bucket"));
    // Then
    Map<String, Object> cluster = out.get("KafscaleCluster", "kafscale");
    OpenApiSchema schema =
        OpenApiSchema.ofCrd(out.get("CustomResourceDefinition", "kafscaleclusters.kafscale.io"));
    assertThat(schema.validate(cluster)).isEmpty();
    assertThat(at(cluster, "spec.etcd.managed.replicas")).isEqualTo(3);
  }

  @Test
  void shouldRenderPathStyleOnlyWhenSetSoTheOperatorDefaultApplies() {
    // Given
    Map<String, String> base =
        Map.of(
            "exampleCluster.enabled", "true",
            "exampleCluster.s3.bucket", "my-bucket",
            "exampleCluster.s3.endpoint", "http://minio.minio:9000");
    Map<String, String> explicit = new HashMap<>(base);
    explicit.put("exampleCluster.s3.pathStyle", "false");
    // When
    Map<String, Object> unset = render(List.of(), base).get("KafscaleCluster", "kafscale");
    Map<String, Object> set = render(List.of(), explicit).get("KafscaleCluster", "kafscale");
    // Then
    assertThat(map(unset, "spec.s3")).doesNotContainKey("pathStyle");
    assertThat(at(set, "spec.s3.pathStyle")).isEqualTo(false);
  }

  @Test
  void shouldDeleteTheExampleTopicThenClusterInAPreDeleteHookWithItsOwnNarrowRole() {
    // When
    Manifests on =
        render(
            List.of(),
            Map.of("exampleCluster.enabled", "true", "exampleCluster.s3.bucket", "my-bucket"));
    Manifests off =
        render(
            List.of(),
            Map.of(
                "exampleCluster.enabled", "true",
                "exampleCluster.s3.bucket", "my-bucket",
                "exampleCluster.cleanupHook.enabled", "false"));
    // Then
    assertWellFormed(on);
    Map<String, Object> job = on.get("Job", "kafscale-example-cleanup");
    assertThat(map(job, "metadata.annotations")).containsEntry("helm.sh/hook", "pre-delete");
    Map<String, Object> pod = map(job, "spec.template.spec");
    assertThat(at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
    assertThat(at(list(pod, "initContainers").get(0), "args"))
        .asList()
        .contains("delete", "kafscaletopics.kafscale.io", "--wait");
    assertThat(at(list(pod, "containers").get(0), "args"))
        .asList()
        .contains("delete", "kafscaleclusters.kafscale.io", "--wait");
    Map<String, Object> role = on.get("Role", "kafscale-example-cleanup");
    assertThat(isHook(role)).isTrue();
    assertThat(list(role, "rules")).hasSize(1);
    assertThat(at(list(role, "rules").get(0), "verbs"))
        .isEqualTo(List.of("get", "list", "watch", "delete"));
    assertThat(off.ofKind("Job")).isEmpty();
  }

  @Test
  void shouldRunEveryContainerAsNonRootWithProbesAndResources() {
    for (List<Path> values : List.of(List.<Path>of(), List.of(fullValues))) {
      // When
      Manifests out = render(values);
      // Then
      for (Map<String, Object> deployment : out.ofKind("Deployment")) {
        String name = string(deployment, "metadata.name");
        Map<String, Object> pod = map(deployment, "spec.template.spec");
        assertThat(at(pod, "securityContext.runAsNonRoot")).as(name).isEqualTo(true);
        for (Map<String, Object> container : list(pod, "containers")) {
          assertThat(at(container, "securityContext.runAsNonRoot")).as(name).isEqualTo(true);
          assertThat(at(container, "securityContext.allowPrivilegeEscalation"))
              .as(name)
              .isEqualTo(false);
          assertThat(at(container, "securityContext.capabilities.drop"))
              .as(name)
              .isEqualTo(List.of("ALL"));
          assertThat(string(container, "livenessProbe.httpGet.path"))
              .as(name)
              .isEqualTo("/healthz");
          // The console stays ready while the brokers are down: its pages say what is down.
          assertThat(string(container, "readinessProbe.httpGet.path"))
              .as(name)
              .isEqualTo(name.endsWith("-console") ? "/healthz" : "/readyz");
          Set<String> portNames =
              list(container, "ports").stream()
                  .map(p -> string(p, "name"))
                  .collect(Collectors.toSet());
          assertThat(portNames)
              .as(name + " probe ports")
              .contains(
                  string(container, "livenessProbe.httpGet.port"),
                  string(container, "readinessProbe.httpGet.port"));
          assertThat(map(container, "resources.requests")).as(name).containsKeys("cpu", "memory");
          assertThat(map(container, "resources.limits")).as(name).containsKey("memory");
        }
      }
    }
  }

  @Test
  void shouldGrantTheOperatorEveryVerbItUsesInEveryWatchedNamespace() {
    for (List<Path> values : List.of(List.<Path>of(), List.of(fullValues))) {
      // Given
      Manifests out = render(values);
      String serviceAccount = string(out.ofKind("ServiceAccount").get(0), "metadata.name");
      // When
      List<Map<String, Object>> roles = boundRoles(out, serviceAccount);
      // Then
      assertThat(roles).isNotEmpty();
      for (Map<String, Object> role :
          roles.stream()
              .filter(r -> !string(r, "metadata.name").endsWith("-leader-election"))
              .toList()) {
        for (OperatorPermissions.Permission needed : OperatorPermissions.required()) {
          assertThat(RbacRules.allows(list(role, "rules"), needed))
              .as("%s %s grants %s", role.get("kind"), string(role, "metadata.name"), needed)
              .isTrue();
        }
      }
      for (OperatorPermissions.Permission lease : OperatorPermissions.leaderElection()) {
        assertThat(roles)
            .as("some bound role grants " + lease)
            .anySatisfy(r -> assertThat(RbacRules.allows(list(r, "rules"), lease)).isTrue());
      }
    }
  }

  @Test
  void shouldRefuseInconsistentValuesWithAMessageNamingTheValue() {
    // When
    Exec.Result noBucket =
        helm.run(
            List.of(
                "template",
                "r",
                Helm.chartDir().toString(),
                "--set",
                "exampleCluster.enabled=true"));
    Exec.Result unwatched =
        helm.run(
            List.of(
                "template",
                "r",
                Helm.chartDir().toString(),
                "--namespace",
                "elsewhere",
                "--set",
                "exampleCluster.enabled=true",
                "--set",
                "exampleCluster.s3.bucket=my-bucket",
                "--set",
                "operator.watchNamespaces={team-a}"));
    Exec.Result twoLeaders =
        helm.run(
            List.of(
                "template",
                "r",
                Helm.chartDir().toString(),
                "--set",
                "operator.replicas=2",
                "--set",
                "operator.leaderElection.enabled=false"));
    Exec.Result consoleWithoutLogin =
        helm.run(
            List.of(
                "template",
                "r",
                Helm.chartDir().toString(),
                "--set",
                "console.enabled=true",
                "--set",
                "console.bootstrapServers=b:9092"));
    Exec.Result exampleConsoleWithoutLogin =
        helm.run(
            List.of(
                "template",
                "r",
                Helm.chartDir().toString(),
                "--set",
                "exampleCluster.enabled=true",
                "--set",
                "exampleCluster.s3.bucket=my-bucket",
                "--set",
                "exampleCluster.console.enabled=true"));
    // Then
    assertThat(noBucket.exitCode()).isNotZero();
    assertThat(noBucket.stderr()).contains("exampleCluster.s3.bucket");
    assertThat(unwatched.exitCode()).isNotZero();
    assertThat(unwatched.stderr()).contains("watchNamespaces does not include");
    assertThat(twoLeaders.exitCode()).isNotZero();
    assertThat(twoLeaders.stderr()).contains("leaderElection");
    assertThat(consoleWithoutLogin.exitCode()).isNotZero();
    assertThat(consoleWithoutLogin.stderr()).contains("console.credentialsSecret");
    assertThat(exampleConsoleWithoutLogin.exitCode()).isNotZero();
    assertThat(exampleConsoleWithoutLogin.stderr())
        .contains("exampleCluster.console.credentialsSecret");
  }

  private static Manifests render(List<Path> values) {
    return render(values, Map.of());
  }

  private static Manifests render(List<Path> values, Map<String, String> sets) {
    return Manifests.parse(helm.template("kafscale", NS, values, sets));
  }

  /** Every object: apiVersion, kind, name; namespaced kinds carry a namespace; selectors match. */
  private static void assertWellFormed(Manifests out) {
    Set<String> clusterScoped =
        Set.of("CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding");
    for (Map<String, Object> o : out.objects()) {
      String what = o.get("kind") + " " + string(o, "metadata.name");
      assertThat(string(o, "apiVersion")).as(what).isNotBlank();
      assertThat(string(o, "kind")).as(what).isNotBlank();
      assertThat(string(o, "metadata.name"))
          .as(what)
          .isNotBlank()
          .hasSizeLessThanOrEqualTo(63)
          .matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
      if (clusterScoped.contains(o.get("kind").toString())) {
        assertThat(at(o, "metadata.namespace")).as(what).isNull();
      } else {
        assertThat(string(o, "metadata.namespace")).as(what).isNotBlank();
      }
    }
    for (Map<String, Object> d : out.ofKind("Deployment")) {
      assertThat(string(d, "apiVersion")).isEqualTo("apps/v1");
      assertThat(map(d, "spec.template.metadata.labels"))
          .as("pod labels of %s match its selector", string(d, "metadata.name"))
          .containsAllEntriesOf(map(d, "spec.selector.matchLabels"));
      assertThat(list(d, "spec.template.spec.containers"))
          .isNotEmpty()
          .allSatisfy(c -> assertThat(string(c, "image")).contains(":"));
    }
    for (Map<String, Object> s : out.ofKind("Service")) {
      Map<String, Object> selector = map(s, "spec.selector");
      Map<String, Object> target =
          out.ofKind("Deployment").stream()
              .filter(
                  d ->
                      map(d, "spec.template.metadata.labels")
                          .entrySet()
                          .containsAll(selector.entrySet()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "Service " + string(s, "metadata.name") + " selects no pod"));
      Set<String> portNames =
          list(target, "spec.template.spec.containers").stream()
              .flatMap(c -> list(c, "ports").stream())
              .map(p -> string(p, "name"))
              .collect(Collectors.toSet());
      assertThat(list(s, "spec.ports"))
          .allSatisfy(p -> assertThat(portNames).contains(string(p, "targetPort")));
    }
    Set<String> accounts =
        out.ofKind("ServiceAccount").stream()
            .map(a -> string(a, "metadata.name"))
            .collect(Collectors.toSet());
    for (Map<String, Object> binding : out.objects()) {
      if (binding.get("kind").toString().endsWith("RoleBinding")) {
        String roleKind = string(binding, "roleRef.kind");
        String roleName = string(binding, "roleRef.name");
        assertThat(out.ofKind(roleKind))
            .as("%s refers to %s %s", string(binding, "metadata.name"), roleKind, roleName)
            .anySatisfy(r -> assertThat(string(r, "metadata.name")).isEqualTo(roleName));
        assertThat(list(binding, "subjects"))
            .allSatisfy(sub -> assertThat(accounts).contains(string(sub, "name")));
      }
    }
  }

  /** The ClusterRoles and Roles bound to {@code serviceAccount}. */
  private static List<Map<String, Object>> boundRoles(Manifests out, String serviceAccount) {
    return out.objects().stream()
        .filter(b -> b.get("kind").toString().endsWith("RoleBinding"))
        .filter(
            b ->
                list(b, "subjects").stream()
                    .anyMatch(s -> serviceAccount.equals(string(s, "name"))))
        .map(
            b ->
                out.ofKind(string(b, "roleRef.kind")).stream()
                    .filter(r -> string(r, "metadata.name").equals(string(b, "roleRef.name")))
                    .filter(
                        r ->
                            r.get("kind").equals("ClusterRole")
                                || string(r, "metadata.namespace")
                                    .equals(string(b, "metadata.namespace")))
                    .findFirst()
                    .orElseThrow())
        .toList();
  }

  private static boolean isHook(Map<String, Object> o) {
    Object annotations = at(o, "metadata.annotations");
    return annotations instanceof Map<?, ?> m && m.containsKey("helm.sh/hook");
  }

  private static String envValue(Map<String, Object> container, String name) {
    return list(container, "env").stream()
        .filter(e -> name.equals(e.get("name")))
        .map(e -> string(e, "value"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no env " + name));
  }

  private static String appVersion() {
    return string(
        Manifests.read(Helm.chartDir().resolve("Chart.yaml")).objects().get(0), "appVersion");
  }
}
