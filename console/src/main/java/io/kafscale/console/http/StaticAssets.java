/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the single-page UI from the classpath: {@code /} is {@code static/index.html}, {@code
 * /static/**} comes from {@code static/}, {@code /webjars/**} from {@code
 * META-INF/resources/webjars/}. Paths are checked segment by segment after decoding: a {@code ..},
 * {@code .}, empty or backslash segment is a 404, so nothing outside those roots is reachable.
 * Thread-safe.
 */
public final class StaticAssets {
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json; charset=utf-8"),
          Map.entry("map", "application/json; charset=utf-8"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("txt", "text/plain; charset=utf-8"));

  private final ClassLoader loader;

  public StaticAssets(ClassLoader loader) {
    this.loader = loader;
  }

  /** The asset for a GET of these path segments, or empty when the path is not an asset path. */
  public Optional<ApiResponse> serve(List<String> segments) {
    if (segments.isEmpty()) {
      return Optional.of(load("static/index.html", "index.html"));
    }
    String root =
        switch (segments.get(0)) {
          case "static" -> "static/";
          case "webjars" -> "META-INF/resources/webjars/";
          default -> null;
        };
    if (root == null) {
      return Optional.empty();
    }
    List<String> rest = segments.subList(1, segments.size());
    if (rest.isEmpty() || !rest.stream().allMatch(StaticAssets::safe)) {
      return Optional.of(notFound());
    }
    return Optional.of(load(root + String.join("/", rest), rest.get(rest.size() - 1)));
  }

  static boolean safe(String segment) {
    return !segment.isEmpty()
        && !segment.equals(".")
        && !segment.equals("..")
        && segment.indexOf('\\') < 0
        && segment.indexOf('/') < 0
        && segment.indexOf('\0') < 0
        && segment.indexOf(':') < 0;
  }

  private ApiResponse load(String resource, String fileName) {
    if (isDirectory(resource)) {
      return notFound();
    }
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        return notFound();
      }
      byte[] body = in.readAllBytes();
      ApiResponse response =
          new ApiResponse(200, contentType(fileName), body, Map.of(), Duration.ZERO);
      // WebJars are versioned in their path; the UI's own files change with every build.
      return response.withHeader(
          "Cache-Control", resource.startsWith("META-INF/") ? "public, max-age=86400" : "no-cache");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A directory on a file: classpath would otherwise be read as its listing. */
  private boolean isDirectory(String resource) {
    URL url = loader.getResource(resource);
    if (url == null) {
      return false;
    }
    if (url.getProtocol().equals("file")) {
      try {
        return Files.isDirectory(Path.of(url.toURI()));
      } catch (URISyntaxException | IllegalArgumentException e) {
        return true;
      }
    }
    return url.toString().endsWith("/") || loader.getResource(resource + "/") != null;
  }

  static String contentType(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }

  private static ApiResponse notFound() {
    return ApiResponse.error(ApiException.notFound("no such file"));
  }
}
