/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.txn;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class AddOffsetsToTxnHandlerTest {

  @Test
  void shouldAnswerProducerFencedAsInvalidProducerEpochBelowVersionTwo() {
    // When
    Errors v1 = AddOffsetsToTxnHandler.errorFor(Errors.PRODUCER_FENCED, (short) 1);
    // Then
    assertThat(v1).isEqualTo(Errors.INVALID_PRODUCER_EPOCH);
  }

  @Test
  void shouldKeepTheCoordinatorErrorFromVersionTwo() {
    // When
    Errors v2 = AddOffsetsToTxnHandler.errorFor(Errors.PRODUCER_FENCED, (short) 2);
    Errors other = AddOffsetsToTxnHandler.errorFor(Errors.CONCURRENT_TRANSACTIONS, (short) 0);
    // Then
    assertThat(v2).isEqualTo(Errors.PRODUCER_FENCED);
    assertThat(other).isEqualTo(Errors.CONCURRENT_TRANSACTIONS);
  }
}
