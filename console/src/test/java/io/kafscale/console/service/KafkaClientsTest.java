/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

  @Test
  void shouldPassSecurityPropertiesThroughButKeepTheConsolesOwnSettings() {
    // When
    Properties props =
        KafkaClients.base(
            "k:9092",
            Map.of("security.protocol", "SASL_SSL", "bootstrap.servers", "elsewhere:1"),
            "kafscale-console-admin");

    // Then
    assertThat(props)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("bootstrap.servers", "k:9092")
        .containsEntry("client.id", "kafscale-console-admin");
  }
}
