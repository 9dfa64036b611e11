/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HealthRoutesTest {
  private static ApiRequest get(String path) {
    return new ApiRequest("GET", List.of(path), Map.of(), Map.of(), Optional.empty(), new byte[0]);
  }

  private static String body(ApiResponse r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldAnswerLivenessWithoutRunningTheReadinessCheck() {
    // Given
    AtomicInteger checks = new AtomicInteger();
    HealthRoutes health =
        new HealthRoutes(
            () -> {
              checks.incrementAndGet();
              return new CompletableFuture<>();
            },
            Duration.ofSeconds(1));

    // When
    ApiResponse r = health.handle(get("healthz")).orElseThrow().join();

    // Then
    assertThat(r.status()).isEqualTo(200);
    assertThat(body(r)).isEqualTo("ok");
    assertThat(checks).hasValue(0);
  }

  @Test
  void shouldShareARunningCheckBetweenConcurrentProbes() {
    // Given
    AtomicInteger checks = new AtomicInteger();
    CompletableFuture<String> answer = new CompletableFuture<>();
    HealthRoutes health =
        new HealthRoutes(
            () -> {
              checks.incrementAndGet();
              return answer;
            },
            Duration.ofSeconds(5));

    // When
    CompletableFuture<ApiResponse> first = health.handle(get("readyz")).orElseThrow();
    CompletableFuture<ApiResponse> second = health.handle(get("readyz")).orElseThrow();
    answer.complete("cluster-id");

    // Then
    assertThat(checks).hasValue(1);
    assertThat(first.join().status()).isEqualTo(200);
    assertThat(second.join().status()).isEqualTo(200);
  }

  @Test
  void shouldBeNotReadyWhenTheCheckFailsOrTimesOutAndRecheckAfterwards() {
    // Given
    AtomicInteger checks = new AtomicInteger();
    HealthRoutes health =
        new HealthRoutes(
            () ->
                switch (checks.incrementAndGet()) {
                  case 1 -> CompletableFuture.failedFuture(new IllegalStateException("boom"));
                  case 2 -> new CompletableFuture<>();
                  default -> CompletableFuture.completedFuture("id");
                },
            Duration.ofMillis(50));

    // When
    ApiResponse failed = health.readiness().join();
    ApiResponse timedOut = health.readiness().join();
    ApiResponse recovered = health.readiness().join();

    // Then
    assertThat(failed.status()).isEqualTo(503);
    assertThat(body(failed)).contains("boom");
    assertThat(timedOut.status()).isEqualTo(503);
    assertThat(body(timedOut)).contains("timeout");
    assertThat(recovered.status()).isEqualTo(200);
  }

  @Test
  void shouldLeaveOtherPathsAlone() {
    // Given
    HealthRoutes health =
        new HealthRoutes(() -> CompletableFuture.completedFuture("id"), Duration.ofSeconds(1));

    // When / Then
    assertThat(health.handle(get("index.html"))).isEmpty();
    assertThat(HealthRoutes.isProbePath(List.of("api", "v1", "readyz"))).isFalse();
  }

  @Test
  void shouldTimeOutAKafkaFutureThatNeverCompletes() {
    // Given a check backed by a Kafka future (its stage refuses completion from outside)
    HealthRoutes health =
        new HealthRoutes(
            () ->
                new org.apache.kafka.common.internals.KafkaFutureImpl<String>().toCompletionStage(),
            Duration.ofMillis(50));

    // When
    ApiResponse r = health.readiness().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join();

    // Then
    assertThat(r.status()).isEqualTo(503);
    assertThat(body(r)).contains("no answer within the timeout");
  }
}
