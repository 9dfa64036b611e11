/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.console.service.BrokerAdmin;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsSamplerTest {
  private final Map<String, BrokerAdmin.Reply> replies = new HashMap<>();
  private final BrokerAdmin fake =
      (address, path) ->
          replies.getOrDefault(address, BrokerAdmin.Reply.failed("connection refused"));
  private long now = 10_000;
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId z) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(now);
        }
      };

  private static BrokerAdmin.Reply metrics(double in, double puts) {
    return new BrokerAdmin.Reply(
        200,
        "kafscale_topic_bytes_in_total{topic=\"t\"} "
            + in
            + "\n"
            + "kafscale_objectstore_requests_total{operation=\"put\",outcome=\"success\"} "
            + puts
            + "\n",
        null);
  }

  @Test
  void shouldSumPerBrokerRatesAndRecordGapsWhenNoBrokerAnswers() {
    // Given
    MetricsSampler sampler = new MetricsSampler(fake, clock);
    replies.put("a:1", metrics(1000, 10));
    replies.put("b:1", metrics(0, 0));
    sampler.sample(List.of("a:1", "b:1"));

    // When
    now += 2000;
    replies.put("a:1", metrics(3000, 14));
    replies.put("b:1", metrics(1000, 2));
    RatePoint rate = sampler.sample(List.of("a:1", "b:1")).orElseThrow();

    // Then
    assertThat(rate.produceBytesPerSec()).isEqualTo(1500.0);
    assertThat(rate.s3PutPerSec()).isEqualTo(3.0);
    replies.clear();
    now += 2000;
    assertThat(sampler.sample(List.of("a:1", "b:1"))).isEmpty();
    assertThat(sampler.history()).hasSize(3);
    assertThat(sampler.history().get(0).value()).isNull();
    assertThat(sampler.history().get(2).value()).isNull();
    assertThat(sampler.latest()).isEmpty();
  }

  @Test
  void shouldTreatACounterThatWentDownAsARestartFromZero() {
    // Given
    Counters before = new Counters(0, 5000, 0, 0, 0, 0);
    Counters after = new Counters(1000, 200, 0, 0, 0, 0);

    // Then
    assertThat(after.ratesSince(before).produceBytesPerSec()).isEqualTo(200.0);
  }

  @Test
  void shouldEstimateS3RequestCostPerHourFromRatesAndPrices() {
    // 10 PUT/s = 36,000 PUT/h = 36 x 0.005 USD; 100 GET/s = 360,000 GET/h = 360 x 0.0004 USD
    double cost =
        CostEstimate.perHourUsd(10, 100, new BigDecimal("0.005"), new BigDecimal("0.0004"));
    assertThat(cost).isCloseTo(0.18 + 0.144, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void shouldDropSamplesOlderThanTheWindow() {
    // Given
    History<Long> history = new History<>(1000);

    // When
    history.add(0, 1L);
    history.add(500, null);
    history.add(1200, 3L);

    // Then
    assertThat(history.points()).extracting(History.Point::atMs).containsExactly(500L, 1200L);
  }
}
