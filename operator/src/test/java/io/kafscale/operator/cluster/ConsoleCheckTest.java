/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.kafscale.operator.Resources;
import io.kafscale.operator.cluster.ClusterStatusFactory.Check;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleCheckTest {
  private static KafscaleCluster withConsole(String usernameKey) {
    KafscaleCluster c = Resources.cluster("golden/in-default.yaml");
    c.getSpec().console = new KafscaleClusterSpec.Console();
    c.getSpec().console.enabled = true;
    c.getSpec().console.replicas = 2;
    c.getSpec().console.credentialsSecretRef =
        new KafscaleClusterSpec.ConsoleCredentialsSecretRef();
    c.getSpec().console.credentialsSecretRef.name = "login";
    c.getSpec().console.credentialsSecretRef.usernameKey = usernameKey;
    return c;
  }

  private static Secret secret(Map<String, String> data) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("login")
        .endMetadata()
        .withStringData(data)
        .build();
  }

  private static Deployment ready(int n) {
    return new DeploymentBuilder().withNewStatus().withReadyReplicas(n).endStatus().build();
  }

  @Test
  void shouldReportADisabledConsoleAsSuch() {
    // Given
    KafscaleCluster c = Resources.cluster("golden/in-default.yaml");

    // When / Then
    assertThat(ConsoleCheck.evaluate(c, null, null))
        .isEqualTo(
            new Check(
                false,
                "ConsoleDisabled",
                "spec.console.enabled is not true: no console is deployed"));
  }

  @Test
  void shouldNameTheMissingSecretThenTheMissingKey() {
    // Given
    KafscaleCluster c = withConsole("user");

    // When
    Check missing = ConsoleCheck.evaluate(c, null, null);
    Check noKey = ConsoleCheck.evaluate(c, secret(Map.of("username", "a", "password", "b")), null);

    // Then
    assertThat(missing)
        .isEqualTo(
            new Check(
                false,
                "CredentialsSecretMissing",
                "console credentials secret 'login' not found in namespace 'kafka'"));
    assertThat(noKey)
        .isEqualTo(
            new Check(
                false,
                "CredentialsSecretInvalid",
                "console credentials secret 'login' has no key 'user'"));
  }

  @Test
  void shouldBeReadyOnlyWhenEveryConsolePodIsReady() {
    // Given
    KafscaleCluster c = withConsole(null);
    Secret s = secret(Map.of("username", "admin", "password", "pw"));

    // When
    Check one = ConsoleCheck.evaluate(c, s, ready(1));
    Check two = ConsoleCheck.evaluate(c, s, ready(2));

    // Then
    assertThat(one).isEqualTo(new Check(false, "ConsoleNotReady", "1/2 console pods ready"));
    assertThat(two).isEqualTo(new Check(true, "ConsoleReady", "2/2 console pods ready"));
  }

  @Test
  void shouldAlsoRequireTheSecretOfTheConsolesKafkaPrincipal() {
    // Given
    KafscaleCluster c = Resources.cluster("golden/in-console-principal.yaml");
    Secret login = secret(Map.of("username", "admin", "password", "pw"));

    // When
    Check missing = ConsoleCheck.evaluate(c, login, null, ready(1));
    Check noKey = ConsoleCheck.evaluate(c, login, secret(Map.of("username", "console")), ready(1));
    Check ok = ConsoleCheck.evaluate(c, login, login, ready(1));

    // Then
    assertThat(missing)
        .isEqualTo(
            new Check(
                false,
                "CredentialsSecretMissing",
                "console Kafka credentials secret 'console-kafka-user' not found in namespace"
                    + " 'streaming'"));
    assertThat(noKey)
        .isEqualTo(
            new Check(
                false,
                "CredentialsSecretInvalid",
                "console Kafka credentials secret 'console-kafka-user' has no key 'password'"));
    assertThat(ok).isEqualTo(new Check(true, "ConsoleReady", "1/1 console pods ready"));
  }
}
