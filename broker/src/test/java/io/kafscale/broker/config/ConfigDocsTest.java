/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.testing.RepoRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

  @Test
  void shouldKeepConfigurationDocInSyncWithTheCatalogue() throws Exception {
    // Given
    Path doc = RepoRoot.find().resolve("docs/configuration.md");

    // When
    String checkedIn = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";

    // Then
    assertThat(checkedIn)
        .as(
            "docs/configuration.md is stale; regenerate it from the repository root with: mvn -q"
                + " -pl broker compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java"
                + " -Dexec.mainClass=io.kafscale.broker.config.ConfigDocs"
                + " -Dexec.args=$PWD/docs/configuration.md")
        .isEqualTo(ConfigDocs.render());
  }

  @Test
  void shouldDocumentEveryCatalogueVariableOnce() {
    // When
    String page = ConfigDocs.render();

    // Then
    for (ConfigVar var : ConfigCatalogue.ALL) {
      assertThat(page).containsOnlyOnce("| `" + var.name() + "` |");
    }
  }
}
