/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.http;

/**
 * A request that fails with a contract error: HTTP status, error code from {@code
 * docs/console-api.md}, a message for the user and, for Kafka errors, Kafka's error name.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final String kafkaError;

  public ApiException(int status, String code, String message, String kafkaError) {
    super(message);
    this.status = status;
    this.code = code;
    this.kafkaError = kafkaError;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "BAD_REQUEST", message, null);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "NOT_FOUND", message, null);
  }

  public static ApiException conflict(String message) {
    return new ApiException(409, "CONFLICT", message, null);
  }

  public static ApiException unavailable(String message) {
    return new ApiException(503, "CLUSTER_UNAVAILABLE", message, null);
  }

  public static ApiException unauthenticated(String message) {
    return new ApiException(401, "UNAUTHENTICATED", message, null);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String kafkaError() {
    return kafkaError;
  }
}
