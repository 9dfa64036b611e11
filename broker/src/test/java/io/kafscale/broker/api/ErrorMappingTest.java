/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.registry.InvalidConfigException;
import io.kafscale.storage.log.StorageException;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class ErrorMappingTest {
  @Test
  void shouldAnswerInvalidConfigWhenRegistryRefusesConfigs() {
    // Given the registry's refusal as a handler sees it: wrapped by the future chain
    Throwable refusal =
        new CompletionException(
            new InvalidConfigException("Invalid value abc for configuration retention.ms"));

    // When
    Errors error = ErrorMapping.of(refusal);

    // Then
    assertThat(error).isEqualTo(Errors.INVALID_CONFIG);
    assertThat(ErrorMapping.message(refusal))
        .isEqualTo("Invalid value abc for configuration retention.ms");
  }

  @Test
  void shouldKeepOtherIllegalArgumentsAsUnknownServerError() {
    // Given
    Throwable other = new IllegalArgumentException("partition count must be at least 1");

    // When / Then
    assertThat(ErrorMapping.of(other)).isEqualTo(Errors.UNKNOWN_SERVER_ERROR);
  }

  @Test
  void shouldAnswerARetryCommittedLongAgoAsADuplicateSequence() {
    // Kafka clients complete a batch answered so as written (without offsets) instead of retrying
    Throwable duplicate =
        new CompletionException(
            new StorageException(
                StorageException.Reason.DUPLICATE_SEQUENCE, "committed before the kept batches"));

    assertThat(ErrorMapping.of(duplicate)).isEqualTo(Errors.DUPLICATE_SEQUENCE_NUMBER);
  }
}
