/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.config.HostPort;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminServerIT {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicBoolean ready = new AtomicBoolean();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private AdminServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = new AdminServer(new HostPort("127.0.0.1", 0), registry, ready::get);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
    registry.close();
    client.close();
  }

  @Test
  void shouldServePrometheusTextOnMetrics() throws Exception {
    // Given
    Counter.builder("kafscale.test.events").register(registry).increment(3);

    // When
    HttpResponse<String> response = get("/metrics");

    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(response.body()).contains("kafscale_test_events_total 3.0");
  }

  @Test
  void shouldAnswerHealthzWhileTheProcessRuns() throws Exception {
    // When / Then
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAnswerReadyzOnlyWhenReady() throws Exception {
    // When / Then
    assertThat(get("/readyz").statusCode()).isEqualTo(503);

    // When
    ready.set(true);

    // Then
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAnswerNotFoundForOtherPaths() throws Exception {
    // When / Then
    assertThat(get("/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void shouldServeManyRequestsOnOneKeptAliveConnection() throws Exception {
    // When / Then
    for (int i = 0; i < 20; i++) {
      assertThat(get("/healthz?i=" + i).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void shouldAnswerApiPathsWithStartingUntilApisAreInstalledThenServeThem() throws Exception {
    // Given
    JsonApi api =
        new JsonApi() {
          @Override
          public boolean serves(String path) {
            return path.equals("/api/v1/thing");
          }

          @Override
          public CompletableFuture<GroupsApi.JsonResponse> get(String path) {
            return CompletableFuture.completedFuture(
                new GroupsApi.JsonResponse(200, "{\"thing\":1}"));
          }
        };
    JsonApi failing =
        new JsonApi() {
          @Override
          public boolean serves(String path) {
            return path.equals("/api/v1/broken");
          }

          @Override
          public CompletableFuture<GroupsApi.JsonResponse> get(String path) {
            return CompletableFuture.failedFuture(new IllegalStateException("store down"));
          }
        };
    // When
    HttpResponse<String> starting = get("/api/v1/thing");
    server.install(List.of(api, failing));
    HttpResponse<String> served = get("/api/v1/thing");
    HttpResponse<String> unknown = get("/api/v1/other");
    HttpResponse<String> broken = get("/api/v1/broken");
    // Then
    assertThat(starting.statusCode()).isEqualTo(503);
    assertThat(starting.body()).isEqualTo("{\"error\":\"starting\"}");
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.body()).isEqualTo("{\"thing\":1}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"not_found\"}");
    assertThat(broken.statusCode()).isEqualTo(503);
    assertThat(broken.body())
        .isEqualTo("{\"error\":\"unavailable\",\"message\":\"IllegalStateException\"}");
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
