/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterBenchTest {
  @Test
  void shouldTakeTheMiddleValueOfAnOddCountAndTheMeanOfTheMiddlePairOfAnEvenCount() {
    assertThat(ClusterBench.median(List.of(3_100L, 3_400L, 9_000L))).isEqualTo(3_400.0);
    assertThat(ClusterBench.median(List.of(3_100L, 3_400L))).isEqualTo(3_250.0);
  }
}
