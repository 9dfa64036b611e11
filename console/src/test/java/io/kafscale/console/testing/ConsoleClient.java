/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafscale.console.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A test client of the console's HTTP API on 127.0.0.1: keeps the session cookie and CSRF token of
 * its last login and sends them like the UI does. Not thread-safe.
 */
public final class ConsoleClient {
  /** One answer: status, headers, body text and the body as JSON (null when not JSON). */
  public record Answer(int status, java.net.http.HttpHeaders headers, String body) {
    public JsonNode json() {
      return Json.tree(body);
    }

    public String errorCode() {
      JsonNode j = json();
      return j == null ? null : j.path("error").path("code").asText(null);
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;
  private String cookie;
  private String csrf;

  public ConsoleClient(int port) {
    this.port = port;
  }

  public Answer login(String user, String password) {
    Answer a =
        send(
            "POST",
            "/api/v1/login",
            Json.writeString(java.util.Map.of("username", user, "password", password)),
            false);
    if (a.status() == 200) {
      cookie = a.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
      csrf = a.json().get("csrfToken").asText();
    }
    return a;
  }

  public Answer get(String path) {
    return send("GET", path, null, true);
  }

  public Answer post(String path, Object body) {
    return send("POST", path, body == null ? null : Json.writeString(body), true);
  }

  public Answer patch(String path, Object body) {
    return send("PATCH", path, Json.writeString(body), true);
  }

  public Answer delete(String path) {
    return send("DELETE", path, null, true);
  }

  /** Sends without the CSRF header (to check it is required). */
  public Answer postWithoutCsrf(String path, Object body) {
    return send("POST", path, Json.writeString(body), false);
  }

  public Answer send(String method, String path, String body, boolean withCsrf) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    if (withCsrf && csrf != null) {
      b.header("X-CSRF-Token", csrf);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpClient http() {
    return http;
  }

  public String cookie() {
    return cookie;
  }
}
