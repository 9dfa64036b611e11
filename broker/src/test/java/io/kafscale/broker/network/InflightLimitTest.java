/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InflightLimitTest {

  @Test
  void shouldPauseAboveTheLimitAndResumeOnlyAtHalf() {
    // Given
    InflightLimit limit = new InflightLimit(100);

    // When / Then
    assertThat(limit.update(100)).isFalse();
    assertThat(limit.isPaused()).isFalse();
    assertThat(limit.update(101)).isTrue();
    assertThat(limit.isPaused()).isTrue();
    assertThat(limit.update(60)).isFalse();
    assertThat(limit.isPaused()).isTrue();
    assertThat(limit.update(50)).isTrue();
    assertThat(limit.isPaused()).isFalse();
  }
}
