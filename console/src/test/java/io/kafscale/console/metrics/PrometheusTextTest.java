/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  @Test
  void shouldParseNamesLabelsAndValuesSkippingCommentsAndMalformedLines() {
    // Given
    String text =
        """
        # HELP kafscale_objectstore_requests_total Object store requests
        # TYPE kafscale_objectstore_requests_total counter
        kafscale_objectstore_requests_total{operation="put",outcome="success",} 12.0
        kafscale_objectstore_requests_total{operation="get",outcome="success"} 3.0 1700000000000
        kafscale_topic_bytes_in_total{topic="a \\"quoted\\" b"} 1.5E3
        broken{x="1" 4
        up 1
        nan_metric NaN
        """;

    // When
    List<PrometheusText.Sample> samples = PrometheusText.parse(text);

    // Then
    assertThat(samples).hasSize(5);
    assertThat(
            PrometheusText.sum(
                samples, "kafscale_objectstore_requests_total", Map.of("operation", "put")))
        .isEqualTo(12.0);
    assertThat(samples.get(2).labels()).containsEntry("topic", "a \"quoted\" b");
    assertThat(samples.get(2).value()).isEqualTo(1500.0);
    assertThat(samples.get(3).labels()).isEmpty();
  }
}
