/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.store.MetadataStoreException;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** How coordinator failures become Kafka errors. */
class GroupErrorsTest {

  @Test
  void shouldAnswerNotCoordinatorWhenAWriteWasFenced() {
    // Given: another broker took the coordinator partition over
    Throwable fenced = new CompletionException(new FencedEpochException("fenced"));
    // When
    Errors error = GroupErrors.of(fenced);
    // Then
    assertThat(error).isEqualTo(Errors.NOT_COORDINATOR);
  }

  @Test
  void shouldAnswerCoordinatorNotAvailableWhenTheStoreFails() {
    // Given
    Throwable down = new CompletionException(new MetadataStoreException("unreachable"));
    // When
    Errors error = GroupErrors.of(down);
    // Then
    assertThat(error).isEqualTo(Errors.COORDINATOR_NOT_AVAILABLE);
  }
}
