/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StaticAssetsTest {
  private final StaticAssets assets = new StaticAssets(StaticAssetsTest.class.getClassLoader());

  @Test
  void shouldRefuseTraversalAndDirectories() {
    assertThat(assets.serve(List.of("static", "..", "io")).orElseThrow().status()).isEqualTo(404);
    assertThat(assets.serve(List.of("static", "a\\..\\b")).orElseThrow().status()).isEqualTo(404);
    assertThat(assets.serve(List.of("static", "../logback.xml")).orElseThrow().status())
        .isEqualTo(404);
    assertThat(assets.serve(List.of("webjars")).orElseThrow().status()).isEqualTo(404);
    assertThat(assets.serve(List.of("webjars", "uplot")).orElseThrow().status()).isEqualTo(404);
    assertThat(assets.serve(List.of("other"))).isEmpty();
  }

  @Test
  void shouldServeWebJarFilesWithTheirContentType() {
    // When
    ApiResponse js =
        assets
            .serve(List.of("webjars", "uplot", "1.6.30", "dist", "uPlot.iife.min.js"))
            .orElseThrow();

    // Then
    assertThat(js.status()).isEqualTo(200);
    assertThat(js.contentType()).isEqualTo("text/javascript; charset=utf-8");
    assertThat(StaticAssets.contentType("a.css")).startsWith("text/css");
    assertThat(StaticAssets.contentType("x.bin")).isEqualTo("application/octet-stream");
  }
}
