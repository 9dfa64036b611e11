/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.config.BrokerDefaults;
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
    assertThat(TopicConfigs.logConfig(Map.of()))
        .isEqualTo(
            new LogConfig(
                LogConfig.DEFAULT_MAX_MESSAGE_BYTES,
                false,
                Long.MAX_VALUE,
                3_600_000,
                false,
                1_073_741_824));
    assertThat(
            TopicConfigs.logConfig(
                Map.of(
                    "max.message.bytes", "2048",
                    "message.timestamp.type", "LogAppendTime",
                    "message.timestamp.before.max.ms", "1000",
                    "message.timestamp.after.max.ms", "2000",
                    "cleanup.policy", "delete,compact",
                    "segment.bytes", "65536")))
        .isEqualTo(new LogConfig(2048, true, 1000, 2000, true, 65536));
  }

  @Test
  void shouldMergeTopicOverridesOverClusterDefaultsByBrokerName() {
    // Given
    Map<String, String> topic = Map.of("retention.ms", "10");
    Map<String, String> cluster =
        Map.of("log.retention.ms", "20", "log.cleanup.policy", "compact", "unknown.x", "1");

    // When
    Map<String, String> merged = BrokerDefaults.merge(topic, cluster);

    // Then
    assertThat(merged).isEqualTo(Map.of("retention.ms", "10", "cleanup.policy", "compact"));
    assertThat(BrokerDefaults.brokerSynonym("segment.ms")).contains("log.roll.ms");
    assertThat(BrokerDefaults.validate("log.retention.ms", "abc"))
        .hasValueSatisfying(m -> assertThat(m).contains("log.retention.ms"));
    assertThat(BrokerDefaults.validate("num.io.threads", "8"))
        .contains("Cannot update these configs dynamically: [num.io.threads]");
  }

  @Test
  void shouldUseKafkaDefaultForAStoredValueThatDoesNotParse() {
    // Given: a value stored before the registry validated configs
    Map<String, String> stored = Map.of("max.message.bytes", "1MB", "retention.ms", "1000");

    // When
    LogConfig config = TopicConfigs.logConfig(stored);

    // Then
    assertThat(config.maxMessageBytes()).isEqualTo(LogConfig.DEFAULT_MAX_MESSAGE_BYTES);
  }
}
