/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads counters from the Prometheus text format (etcd's and the brokers' {@code /metrics}): {@link
 * #sum} is pure, {@link #scrape} fetches a page. Stateless, thread-safe.
 */
public final class PrometheusText {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private PrometheusText() {}

  /**
   * The sum of every sample of metric {@code name} (all label sets), or -1 when the page has no
   * such sample, so "absent" is not mistaken for "zero".
   */
  public static double sum(String page, String name) {
    double total = 0;
    boolean found = false;
    for (String line : page.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      char next = line.length() > name.length() ? line.charAt(name.length()) : '\0';
      if (next != ' ' && next != '{') {
        continue; // another metric sharing the prefix, e.g. name_created
      }
      // name{labels} value [timestamp]: the value is the first field after the labels
      String rest =
          next == '{' ? line.substring(line.lastIndexOf('}') + 1) : line.substring(name.length());
      total += Double.parseDouble(rest.trim().split("\\s+")[0]);
      found = true;
    }
    return found ? total : -1;
  }

  /** GETs {@code url} (a {@code /metrics} page on 127.0.0.1) and returns the body. */
  public static String scrape(String url) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(url + " answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException("scrape " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted scraping " + url, e);
    }
  }
}
