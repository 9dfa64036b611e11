/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.console.http.ApiException;
import org.apache.kafka.common.KafkaException;
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
}
