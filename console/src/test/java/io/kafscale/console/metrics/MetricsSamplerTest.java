/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.ApiMeters;
import io.kafscale.broker.metrics.MeteredObjectStore;
import io.kafscale.console.service.BrokerAdmin;
import io.kafscale.storage.objectstore.memory.InMemoryObjectStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
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
        "kafscale_topic_bytes_in_bytes_total{topic=\"t\"} "
            + in
            + "\n"
            + "kafscale_objectstore_requests_total{operation=\"put\",outcome=\"success\"} "
            + puts
            + "\n",
        null);
  }

  /** A real scrape: the broker's own meters in a Prometheus registry, as its /metrics serves. */
  private static String brokerScrape(long bytesIn, long bytesOut, long records, int puts) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ApiMeters meters = new ApiMeters(registry);
    meters.bytesIn("orders", bytesIn);
    meters.bytesOut("orders", bytesOut);
    meters.messagesIn("orders", records);
    MeteredObjectStore store = new MeteredObjectStore(new InMemoryObjectStore(), registry);
    for (int i = 0; i < puts; i++) {
      store.put("k" + i, ByteBuffer.wrap(new byte[] {1})).join();
      store.get("k" + i).join();
      store.list("k").join();
    }
    return registry.scrape();
  }

  @Test
  void shouldReadNonZeroRatesFromARealBrokerScrape() {
    // Given
    MetricsSampler sampler = new MetricsSampler(fake, clock);
    replies.put("a:1", new BrokerAdmin.Reply(200, brokerScrape(1000, 500, 10, 1), null));
    sampler.sample(List.of("a:1"));

    // When
    now += 1000;
    replies.put("a:1", new BrokerAdmin.Reply(200, brokerScrape(3000, 1500, 30, 3), null));
    RatePoint rate = sampler.sample(List.of("a:1")).orElseThrow();

    // Then
    assertThat(rate.produceBytesPerSec()).isEqualTo(2000.0);
    assertThat(rate.fetchBytesPerSec()).isEqualTo(1000.0);
    assertThat(rate.produceRecordsPerSec()).isEqualTo(20.0);
    assertThat(rate.s3PutPerSec()).isEqualTo(2.0);
    assertThat(rate.s3GetPerSec()).isEqualTo(2.0);
    assertThat(rate.s3ListPerSec()).isEqualTo(2.0);
  }

  @Test
  void shouldRecordUnknownRateNotZeroWhenACounterIsMissingFromTheScrape() {
    // Given a broker that never saw a fetch: no bytes-out counter in its scrape
    MetricsSampler sampler = new MetricsSampler(fake, clock);
    replies.put("a:1", metrics(1000, 1));
    sampler.sample(List.of("a:1"));

    // When
    now += 1000;
    replies.put("a:1", metrics(2000, 2));
    RatePoint rate = sampler.sample(List.of("a:1")).orElseThrow();

    // Then
    assertThat(rate.produceBytesPerSec()).isEqualTo(1000.0);
    assertThat(rate.fetchBytesPerSec()).isNull();
    assertThat(rate.s3GetPerSec()).isNull();
  }

  @Test
  void shouldRecordAGapWhenOnlySomeBrokersAnswered() {
    // Given
    MetricsSampler sampler = new MetricsSampler(fake, clock);
    replies.put("a:1", metrics(1000, 1));
    replies.put("b:1", metrics(1000, 1));
    sampler.sample(List.of("a:1", "b:1"));

    // When b stops answering
    now += 1000;
    replies.put("a:1", metrics(2000, 2));
    replies.remove("b:1");

    // Then
    assertThat(sampler.sample(List.of("a:1", "b:1"))).isEmpty();
    assertThat(sampler.history().get(1).value()).isNull();
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
    Counters before = new Counters(0, 5000.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    Counters after = new Counters(1000, 200.0, 0.0, 0.0, 0.0, 0.0, 0.0);

    // Then
    assertThat(after.ratesSince(before).produceBytesPerSec()).isEqualTo(200.0);
  }

  @Test
  void shouldEstimateS3RequestCostPerHourWithListPricedLikePut() {
    // 10 PUT/s + 5 LIST/s = 54,000 PUT-priced/h = 54 x 0.005 USD; 100 GET/s = 360 x 0.0004 USD
    Double cost =
        CostEstimate.perHourUsd(
            10.0, 100.0, 5.0, new BigDecimal("0.005"), new BigDecimal("0.0004"));
    assertThat(cost).isCloseTo(0.27 + 0.144, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(
            CostEstimate.perHourUsd(
                10.0, null, 0.0, new BigDecimal("0.005"), new BigDecimal("0.0004")))
        .isNull();
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
