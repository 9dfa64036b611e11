/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kafscale.operator.Resources;
import io.kafscale.operator.cluster.ClusterStatusFactory.Check;
import io.kafscale.operator.crd.KafscaleCluster;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecurityCheckTest {
  private static final KafscaleCluster SECURE = Resources.cluster("golden/in-security.yaml");

  private static Secret secret(String name, String... keys) {
    Map<String, String> data = new HashMap<>();
    for (String k : keys) {
      data.put(k, "x");
    }
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withStringData(data)
        .build();
  }

  @Test
  void shouldCheckNothingWithoutASecuritySection() {
    // Given
    KafscaleCluster plain = Resources.cluster("golden/in-default.yaml");

    // When / Then
    assertThat(SecurityCheck.evaluate(plain, name -> null)).isEmpty();
  }

  @Test
  void shouldReportAMissingTlsSecretByNameAndNamespace() {
    // When
    Optional<Check> check = SecurityCheck.evaluate(SECURE, name -> null);

    // Then
    assertThat(check)
        .contains(
            new Check(
                false,
                "SecuritySecretMissing",
                "TLS secret 'kafscale-tls' not found in namespace 'streaming'"));
  }

  @Test
  void shouldRequireTheCaKeyWhenClientCertificatesAreRequested() {
    // Given: clientAuth is requested in the golden spec
    Map<String, Secret> secrets =
        Map.of(
            "kafscale-tls", secret("kafscale-tls", "tls.crt", "tls.key"),
            "kafscale-plain-users", secret("kafscale-plain-users", "users"));

    // When
    Optional<Check> check = SecurityCheck.evaluate(SECURE, secrets::get);

    // Then
    assertThat(check)
        .contains(
            new Check(
                false, "SecuritySecretInvalid", "TLS secret 'kafscale-tls' has no key 'ca.crt'"));
  }

  @Test
  void shouldReportAMissingPlainUsersKey() {
    // Given
    Map<String, Secret> secrets =
        Map.of(
            "kafscale-tls", secret("kafscale-tls", "tls.crt", "tls.key", "ca.crt"),
            "kafscale-plain-users", secret("kafscale-plain-users", "passwd"));

    // When
    Optional<Check> check = SecurityCheck.evaluate(SECURE, secrets::get);

    // Then
    assertThat(check)
        .contains(
            new Check(
                false,
                "SecuritySecretInvalid",
                "SASL PLAIN users secret 'kafscale-plain-users' has no key 'users'"));
  }

  @Test
  void shouldPassWhenEverySecretHoldsItsKeys() {
    // Given
    Map<String, Secret> secrets =
        Map.of(
            "kafscale-tls", secret("kafscale-tls", "tls.crt", "tls.key", "ca.crt"),
            "kafscale-plain-users", secret("kafscale-plain-users", "users"));

    // When / Then
    assertThat(SecurityCheck.evaluate(SECURE, secrets::get)).isEmpty();
  }
}
