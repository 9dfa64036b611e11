/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.console.http.ApiException;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.junit.jupiter.api.Test;

class KafkaErrorsTest {
  @Test
  void shouldMapABareKafkaExceptionToClusterUnavailable() {
    // Given: what the Admin client throws when it never reached a broker
    KafkaException noBrokers = new KafkaException("Failed to find brokers to send ListGroups");
    // When
    ApiException mapped = KafkaErrors.map(noBrokers, "list groups");
    // Then
    assertThat(mapped.status()).isEqualTo(503);
    assertThat(mapped.code()).isEqualTo("CLUSTER_UNAVAILABLE");
  }

  @Test
  void shouldKeepKafkaApiErrorsDistinctFromUnavailability() {
    // When
    ApiException exists = KafkaErrors.map(new TopicExistsException("t"), "create topic");
    ApiException serverError = KafkaErrors.map(new UnknownServerException("boom"), "x");
    // Then
    assertThat(exists.status()).isEqualTo(409);
    assertThat(serverError.status()).isEqualTo(500);
  }

  @Test
  void shouldMapKafkaAuthorizationFailuresToForbiddenWithKafkasErrorName() {
    // When
    ApiException topic =
        KafkaErrors.map(new TopicAuthorizationException(Set.of("orders")), "create topic orders");
    ApiException cluster =
        KafkaErrors.map(
            new ExecutionException(new ClusterAuthorizationException("no CREATE")), "create");
    ApiException group = KafkaErrors.map(new GroupAuthorizationException("g"), "delete group g");

    // Then
    assertThat(topic.status()).isEqualTo(403);
    assertThat(topic.code()).isEqualTo("FORBIDDEN");
    assertThat(topic.kafkaError()).isEqualTo("TOPIC_AUTHORIZATION_FAILED");
    assertThat(cluster.status()).isEqualTo(403);
    assertThat(cluster.kafkaError()).isEqualTo("CLUSTER_AUTHORIZATION_FAILED");
    assertThat(group.kafkaError()).isEqualTo("GROUP_AUTHORIZATION_FAILED");
  }

  @Test
  void shouldMapARefusedConsoleLoginToClusterUnavailableSayingWhy() {
    // When
    ApiException mapped =
        KafkaErrors.map(
            new SaslAuthenticationException("Authentication failed: invalid credentials"),
            "describe cluster");

    // Then
    assertThat(mapped.status()).isEqualTo(503);
    assertThat(mapped.code()).isEqualTo("CLUSTER_UNAVAILABLE");
    assertThat(mapped.kafkaError()).isEqualTo("SASL_AUTHENTICATION_FAILED");
    assertThat(mapped.getMessage())
        .contains("could not authenticate")
        .contains("invalid credentials");
  }
}
