/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicConfigCatalogueTest {
  @Test
  void shouldAcceptEveryDefaultValueOfItsOwnTable() {
    // Given every supported config
    // When / Then its Kafka default passes its own check
    TopicConfigCatalogue.all()
        .forEach(
            d -> assertThat(TopicConfigCatalogue.validate(d.name(), d.defaultValue())).isEmpty());
  }

  @Test
  void shouldListConfigsSortedByName() {
    // When
    var names = TopicConfigCatalogue.all().stream().map(TopicConfigCatalogue.Definition::name);

    // Then
    assertThat(names.toList()).isSorted().contains("retention.ms", "cleanup.policy");
  }

  @Test
  void shouldReportFirstInvalidEntryInNameOrderWhenValidatingAMap() {
    // Given
    Map<String, String> configs =
        Map.of("segment.ms", "x", "retention.ms", "abc", "cleanup.policy", "compact");

    // When
    var why = TopicConfigCatalogue.validateAll(configs);

    // Then
    assertThat(why)
        .contains("Invalid value abc for configuration retention.ms: For input string: \"abc\"");
  }

  @Test
  void shouldAcceptValidMapAndRejectNullValue() {
    // Given
    Map<String, String> withNull = new HashMap<>();
    withNull.put("retention.ms", null);

    // When / Then
    assertThat(TopicConfigCatalogue.validateAll(Map.of("retention.ms", "-1"))).isEmpty();
    assertThat(TopicConfigCatalogue.validateAll(Map.of())).isEmpty();
    assertThat(TopicConfigCatalogue.validateAll(withNull))
        .contains("Null value not supported for topic config retention.ms");
  }

  @Test
  void shouldMapEveryBrokerSynonymToAKnownTopicConfig() {
    // When / Then
    BrokerDefaults.brokerNames()
        .forEach(
            b ->
                assertThat(TopicConfigCatalogue.find(BrokerDefaults.topicConfigOf(b).orElseThrow()))
                    .isPresent());
  }

  @Test
  void shouldRejectDirtyRatioOutsideZeroToOne() {
    // Given / When / Then
    assertThat(TopicConfigCatalogue.validate("min.cleanable.dirty.ratio", "0.25")).isEmpty();
    assertThat(TopicConfigCatalogue.validate("min.cleanable.dirty.ratio", "1")).isEmpty();
    assertThat(TopicConfigCatalogue.validate("min.cleanable.dirty.ratio", "-0.1"))
        .get()
        .asString()
        .contains("between 0 and 1");
    assertThat(TopicConfigCatalogue.validate("min.cleanable.dirty.ratio", "NaN")).isPresent();
    assertThat(TopicConfigCatalogue.validate("min.cleanable.dirty.ratio", "1.5")).isPresent();
  }
}
