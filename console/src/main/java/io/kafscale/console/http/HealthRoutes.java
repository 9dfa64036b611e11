/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.http;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * The Kubernetes probe endpoints, open without a session and allowed in read-only mode: {@code GET
 * /healthz} answers 200 {@code ok} while the process serves HTTP (liveness); {@code GET /readyz}
 * runs one readiness check (the Kafka AdminClient must answer a DescribeCluster within the timeout)
 * and answers 200 {@code ok} or 503 with the reason. Probes arriving while a check runs share it,
 * so a burst of probes never multiplies the load on the brokers. Thread-safe.
 */
public final class HealthRoutes {
  /** Longest a readiness check may take: below a typical probe timeout of 3 seconds. */
  public static final Duration MAX_CHECK = Duration.ofSeconds(2);

  private static final String TEXT = "text/plain; charset=utf-8";

  private final Supplier<CompletionStage<?>> readinessCheck;
  private final Duration timeout;
  private CompletableFuture<ApiResponse> inFlight;

  /**
   * @param readinessCheck starts one check; completes normally when the dependency answered
   * @param timeout how long a check may take before the console counts as not ready
   */
  public HealthRoutes(Supplier<CompletionStage<?>> readinessCheck, Duration timeout) {
    this.readinessCheck = readinessCheck;
    this.timeout = timeout;
  }

  /** Readiness through the console's Kafka AdminClient (a DescribeCluster round trip). */
  public static HealthRoutes kafka(Admin admin, Duration kafkaTimeout) {
    Duration timeout = kafkaTimeout.compareTo(MAX_CHECK) < 0 ? kafkaTimeout : MAX_CHECK;
    DescribeClusterOptions options =
        new DescribeClusterOptions().timeoutMs((int) timeout.toMillis());
    return new HealthRoutes(
        () -> admin.describeCluster(options).clusterId().toCompletionStage(), timeout);
  }

  /** Whether the path is one of the probe endpoints. */
  public static boolean isProbePath(List<String> segments) {
    return segments.equals(List.of("healthz")) || segments.equals(List.of("readyz"));
  }

  /** The answer to a probe request, or empty when the request is not a probe. */
  public Optional<CompletableFuture<ApiResponse>> handle(ApiRequest request) {
    if (!isProbePath(request.segments())) {
      return Optional.empty();
    }
    if (!request.isGet()) {
      return Optional.of(
          CompletableFuture.completedFuture(
              ApiResponse.error(
                  new ApiException(405, "METHOD_NOT_ALLOWED", "only GET is allowed here", null))));
    }
    if (request.segments().get(0).equals("healthz")) {
      return Optional.of(CompletableFuture.completedFuture(ok()));
    }
    return Optional.of(readiness());
  }

  /** Runs a readiness check, or joins the one already running. */
  public synchronized CompletableFuture<ApiResponse> readiness() {
    if (inFlight != null && !inFlight.isDone()) {
      return inFlight;
    }
    CompletableFuture<ApiResponse> check;
    try {
      // Copy into a plain future first: a Kafka client's stage refuses completion from outside,
      // so orTimeout on it would never fire.
      CompletableFuture<Object> plain = new CompletableFuture<>();
      readinessCheck
          .get()
          .whenComplete(
              (ok, error) -> {
                if (error == null) {
                  plain.complete(ok);
                } else {
                  plain.completeExceptionally(error);
                }
              });
      check =
          plain
              .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .handle((ok, error) -> error == null ? ok() : notReady(error));
    } catch (RuntimeException e) {
      check = CompletableFuture.completedFuture(notReady(e));
    }
    inFlight = check;
    return check;
  }

  private static ApiResponse ok() {
    return ApiResponse.text(200, TEXT, "ok").withHeader("cache-control", "no-store");
  }

  private static ApiResponse notReady(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null
        && (cause instanceof CompletionException || cause instanceof ExecutionException)) {
      cause = cause.getCause();
    }
    String reason =
        cause instanceof TimeoutException
            ? "no answer within the timeout"
            : (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    return ApiResponse.text(503, TEXT, "not ready: Kafka AdminClient: " + reason)
        .withHeader("cache-control", "no-store");
  }
}
