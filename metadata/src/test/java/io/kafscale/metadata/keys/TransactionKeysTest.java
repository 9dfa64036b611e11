/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Keys of transaction coordinator state. */
class TransactionKeysTest {
  private final KeyLayout keys = KeyLayout.defaults();

  @Test
  void shouldEscapeTransactionalIdsIntoOneKeySegmentAndBack() {
    // When
    String key = keys.transaction("app/tx 1%");
    // Then
    assertThat(key).isEqualTo("/kafscale/transactions/app%2Ftx%201%25");
    assertThat(key).startsWith(keys.transactionsPrefix());
    assertThat(keys.transactionalIdOf(key)).isEqualTo("app/tx 1%");
  }

  @Test
  void shouldRejectEmptyIdsAndForeignKeys() {
    assertThatThrownBy(() -> keys.transaction("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keys.transactionalIdOf(keys.group("g")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
