/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.log.LogConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicConfigsTest {
  @Test
  void shouldAcceptKnownConfigsWithValidValues() {
    assertThat(TopicConfigs.validate("retention.ms", "-1")).isEmpty();
    assertThat(TopicConfigs.validate("cleanup.policy", "compact,delete")).isEmpty();
    assertThat(TopicConfigs.validate("message.timestamp.type", "LogAppendTime")).isEmpty();
    assertThat(TopicConfigs.validate("preallocate", "TRUE")).isEmpty();
  }

  @Test
  void shouldRejectUnknownNamesAndBadValues() {
    assertThat(TopicConfigs.validate("retention.mss", "1")).isPresent();
    assertThat(TopicConfigs.validate("retention.ms", "-2")).isPresent();
    assertThat(TopicConfigs.validate("max.message.bytes", "big")).isPresent();
    assertThat(TopicConfigs.validate("compression.type", "brotli")).isPresent();
    assertThat(TopicConfigs.validate("segment.bytes", null)).isPresent();
  }

  @Test
  void shouldDeriveLogConfigFromOverridesOrKafkaDefaults() {
    assertThat(TopicConfigs.logConfig(Map.of())).isEqualTo(LogConfig.defaults());
    assertThat(
            TopicConfigs.logConfig(
                Map.of("max.message.bytes", "2048", "message.timestamp.type", "LogAppendTime")))
        .isEqualTo(new LogConfig(2048, true));
  }
}
