/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.testing.RepoRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MetricsDocsTest {

  @Test
  void shouldKeepMetricsDocInSyncWithTheMeterCatalogues() throws Exception {
    // Given
    Path doc = RepoRoot.find().resolve("docs/metrics.md");

    // When
    String checkedIn = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";

    // Then
    assertThat(checkedIn)
        .as(
            "docs/metrics.md is stale; regenerate it from the repository root with: mvn -q -pl"
                + " broker compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java"
                + " -Dexec.mainClass=io.kafscale.broker.metrics.MetricsDocs"
                + " -Dexec.args=$PWD/docs/metrics.md")
        .isEqualTo(MetricsDocs.render());
  }

  @Test
  void shouldNameEveryMeterUnderTheKafscalePrefixOnce() {
    // When / Then
    assertThat(MetricsDocs.entries())
        .extracting(MetricsDocs.Entry::name)
        .allSatisfy(name -> assertThat(name).startsWith("kafscale."))
        .doesNotHaveDuplicates();
  }
}
