/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers: status, content type, body and extra headers, plus a delay before it is
 * sent (failed logins). Immutable; owns its body array.
 */
public record ApiResponse(
    int status, String contentType, byte[] body, Map<String, String> headers, Duration delay) {
  public static final String JSON = "application/json; charset=utf-8";

  public static ApiResponse json(int status, Object value) {
    return new ApiResponse(status, JSON, Json.write(value), Map.of(), Duration.ZERO);
  }

  public static ApiResponse ok(Object value) {
    return json(200, value);
  }

  public static ApiResponse noContent() {
    return new ApiResponse(204, null, new byte[0], Map.of(), Duration.ZERO);
  }

  public static ApiResponse error(ApiException e) {
    return new ApiResponse(
        e.status(),
        JSON,
        Json.error(e.code(), e.getMessage(), e.kafkaError()),
        Map.of(),
        Duration.ZERO);
  }

  public static ApiResponse text(int status, String contentType, String text) {
    return new ApiResponse(
        status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of(), Duration.ZERO);
  }

  public ApiResponse withHeader(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name, value);
    return new ApiResponse(status, contentType, body, Map.copyOf(all), delay);
  }

  public ApiResponse delayed(Duration by) {
    return new ApiResponse(status, contentType, body, headers, by);
  }
}
