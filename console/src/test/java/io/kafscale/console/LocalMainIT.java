/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.testing.BrokerFixture;
import io.kafscale.console.testing.ConsoleClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalMainIT {

  @Test
  void shouldServeTheUiAndOverviewWithMakeRunDefaultsNextToTheBroker() {
    try (BrokerFixture broker = BrokerFixture.start();
        Console console =
            LocalMain.startConsole(
                broker.broker(), Map.of("KAFSCALE_CONSOLE_ADDR", "127.0.0.1:0"))) {
      // Given
      ConsoleClient c = new ConsoleClient(console.port());

      // When
      var index = c.get("/");
      var login = c.login(LocalMain.DEFAULT_USER, LocalMain.DEFAULT_PASSWORD);
      var overview = c.get("/api/v1/overview");

      // Then
      assertThat(index.status()).isEqualTo(200);
      assertThat(login.status()).isEqualTo(200);
      assertThat(overview.status()).isEqualTo(200);
      assertThat(overview.json().get("health").get("kafka").get("ok").asBoolean()).isTrue();
      assertThat(overview.json().get("health").get("metadataStore").get("ok").asBoolean()).isTrue();
      assertThat(console.config().bootstrapServers()).isEqualTo(broker.bootstrapServers());
    }
  }
}
