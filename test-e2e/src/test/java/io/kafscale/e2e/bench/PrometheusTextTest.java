/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
  private static final String PAGE =
      """
      # HELP kafscale_storage_flushes_total Flushes
      # TYPE kafscale_storage_flushes_total counter
      kafscale_storage_flushes_total{partition="0",topic="a"} 12.0
      kafscale_storage_flushes_total{partition="1",topic="a"} 30.0 1700000000000
      kafscale_storage_flushes_total_created 99.0
      etcd_server_proposals_committed_total 4
      etcd_mvcc_put_total 1.5e3
      """;

  @Test
  void shouldSumEveryLabelSetOfAMetric() {
    assertThat(PrometheusText.sum(PAGE, "kafscale_storage_flushes_total")).isEqualTo(42.0);
  }

  @Test
  void shouldReadUnlabelledSamplesInScientificNotation() {
    assertThat(PrometheusText.sum(PAGE, "etcd_server_proposals_committed_total")).isEqualTo(4.0);
    assertThat(PrometheusText.sum(PAGE, "etcd_mvcc_put_total")).isEqualTo(1500.0);
  }

  @Test
  void shouldAnswerMinusOneWhenTheMetricIsAbsent() {
    assertThat(PrometheusText.sum(PAGE, "etcd_mvcc_txn_total")).isEqualTo(-1.0);
  }
}
