/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProtocolSupportDocTest {

  @Test
  void shouldMatchCheckedInProtocolSupportPage() throws IOException {
    // Given: tests run with the module directory as working directory
    Path page = Path.of("..", ProtocolSupportDoc.DEFAULT_PATH);
    // When
    String checkedIn =
        Files.exists(page) ? Files.readString(page, StandardCharsets.UTF_8) : "<missing>";
    // Then
    assertThat(checkedIn)
        .as(
            "%s is stale: regenerate it from the repository root with `make docs` or `mvn -pl"
                + " protocol exec:java -Dexec.mainClass=io.kafscale.protocol.api.ProtocolSupportDoc`",
            page.normalize())
        .isEqualTo(ProtocolSupportDoc.render());
  }
}
