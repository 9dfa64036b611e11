/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the routes see it: method, decoded path segments, query parameters, the
 * headers the console reads (lower-case names), the session cookie and the body. Immutable; owns
 * its body array.
 */
public record ApiRequest(
    String method,
    List<String> segments,
    Map<String, List<String>> query,
    Map<String, String> headers,
    Optional<String> sessionId,
    byte[] body) {

  public Optional<String> header(String lowerCaseName) {
    return Optional.ofNullable(headers.get(lowerCaseName));
  }

  /** The first value of a query parameter, empty when absent or blank. */
  public Optional<String> param(String name) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty() || values.get(0).isBlank()) {
      return Optional.empty();
    }
    return Optional.of(values.get(0).strip());
  }

  /** A numeric query parameter; 400 when it is not a number. */
  public Optional<Long> longParam(String name) {
    Optional<String> text = param(name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(text.get()));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("query parameter '" + name + "' must be a number");
    }
  }

  public boolean isGet() {
    return method.equals("GET") || method.equals("HEAD");
  }

  public <T> T body(Class<T> type) {
    return Json.read(body, type);
  }
}
