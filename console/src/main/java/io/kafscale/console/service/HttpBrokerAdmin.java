/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** {@link BrokerAdmin} over {@link HttpClient} with a connect and request timeout. Thread-safe. */
public final class HttpBrokerAdmin implements BrokerAdmin, AutoCloseable {
  private final HttpClient client;
  private final Duration timeout;

  public HttpBrokerAdmin(Duration timeout) {
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @Override
  public Reply get(String adminAddress, String path) {
    URI uri;
    try {
      uri = URI.create("http://" + adminAddress + path);
    } catch (IllegalArgumentException e) {
      return Reply.failed("invalid admin address " + adminAddress);
    }
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    try {
      HttpResponse<String> response =
          client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(response.statusCode(), response.body(), null);
    } catch (HttpTimeoutException e) {
      return Reply.failed(
          "admin API at " + adminAddress + " did not answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      return Reply.failed("admin API at " + adminAddress + " unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Reply.failed("interrupted");
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
