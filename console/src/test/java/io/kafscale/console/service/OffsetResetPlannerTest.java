/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import static io.kafscale.console.service.OffsetResetPlanner.Strategy.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.console.http.ApiException;
import org.junit.jupiter.api.Test;

class OffsetResetPlannerTest {

  @Test
  void shouldComputeEveryStrategyClampedIntoTheLog() {
    assertThat(OffsetResetPlanner.newOffset(EARLIEST, null, 50L, 10, 100, -1)).isEqualTo(10);
    assertThat(OffsetResetPlanner.newOffset(LATEST, null, 50L, 10, 100, -1)).isEqualTo(100);
    assertThat(OffsetResetPlanner.newOffset(OFFSET, 5L, 50L, 10, 100, -1)).isEqualTo(10);
    assertThat(OffsetResetPlanner.newOffset(OFFSET, 70L, 50L, 10, 100, -1)).isEqualTo(70);
    assertThat(OffsetResetPlanner.newOffset(TIMESTAMP, 1L, 50L, 10, 100, 42)).isEqualTo(42);
    assertThat(OffsetResetPlanner.newOffset(TIMESTAMP, 1L, 50L, 10, 100, -1)).isEqualTo(100);
    assertThat(OffsetResetPlanner.newOffset(SHIFT, -20L, 50L, 10, 100, -1)).isEqualTo(30);
    assertThat(OffsetResetPlanner.newOffset(SHIFT, 500L, 50L, 10, 100, -1)).isEqualTo(100);
  }

  @Test
  void shouldRejectUnknownStrategies() {
    assertThatThrownBy(() -> OffsetResetPlanner.Strategy.parse("to-the-moon"))
        .isInstanceOf(ApiException.class);
    assertThat(OffsetResetPlanner.Strategy.parse("Earliest")).isEqualTo(EARLIEST);
  }
}
