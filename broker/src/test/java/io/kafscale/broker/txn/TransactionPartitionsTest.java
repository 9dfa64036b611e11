/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Placement of transactional ids on __transaction_state. */
class TransactionPartitionsTest {

  @Test
  void shouldPlaceIdsAsKafkaDoesIncludingTheMinValueHash() {
    // Given an id whose hashCode is Integer.MIN_VALUE and one with a negative hash
    assertThat("polygenelubricants".hashCode()).isEqualTo(Integer.MIN_VALUE);
    int negative = "transactional-app-1".hashCode();
    assertThat(negative).isNegative();
    // When / Then: Kafka's Utils.abs maps MIN_VALUE to 0, other negatives to their absolute value
    assertThat(TransactionPartitions.partitionFor("polygenelubricants", 50)).isZero();
    assertThat(TransactionPartitions.partitionFor("transactional-app-1", 50))
        .isEqualTo(Math.abs(negative) % 50)
        .isNotEqualTo((negative & 0x7fffffff) % 50);
    assertThat(TransactionPartitions.partitionFor("my-txn", TransactionPartitions.DEFAULT_COUNT))
        .isEqualTo(Math.abs("my-txn".hashCode()) % 50);
    assertThat(TransactionPartitions.TOPIC).isEqualTo("__transaction_state");
    assertThatThrownBy(() -> TransactionPartitions.partitionFor("x", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
