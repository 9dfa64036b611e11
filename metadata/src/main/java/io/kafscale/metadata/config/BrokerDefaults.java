/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The cluster-wide dynamic broker configs Kafscale accepts (Kafka's {@code kafka-configs
 * --entity-type brokers --entity-default}): the broker-level synonyms of topic configs, with
 * Kafka's names (ServerTopicConfigSynonyms), and how they combine with a topic's own overrides:
 * topic override, then cluster-wide default, then Kafka's default. Only synonyms whose topic config
 * does something or is checked here are listed. Pure, immutable and thread-safe.
 */
public final class BrokerDefaults {
  /** Topic config name to its broker synonym, in a stable order. */
  private static final Map<String, String> SYNONYMS = build();

  private static final Map<String, String> TOPIC_OF = invert(SYNONYMS);

  private BrokerDefaults() {}

  private static Map<String, String> build() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(TopicConfigCatalogue.CLEANUP_POLICY, "log.cleanup.policy");
    m.put("retention.ms", "log.retention.ms");
    m.put("retention.bytes", "log.retention.bytes");
    m.put(TopicConfigCatalogue.SEGMENT_BYTES, "log.segment.bytes");
    m.put("segment.ms", "log.roll.ms");
    m.put(TopicConfigCatalogue.MAX_MESSAGE_BYTES, "message.max.bytes");
    m.put(TopicConfigCatalogue.MESSAGE_TIMESTAMP_TYPE, "log.message.timestamp.type");
    m.put(TopicConfigCatalogue.TIMESTAMP_BEFORE_MAX_MS, "log.message.timestamp.before.max.ms");
    m.put(TopicConfigCatalogue.TIMESTAMP_AFTER_MAX_MS, "log.message.timestamp.after.max.ms");
    m.put("min.compaction.lag.ms", "log.cleaner.min.compaction.lag.ms");
    m.put("max.compaction.lag.ms", "log.cleaner.max.compaction.lag.ms");
    m.put("delete.retention.ms", "log.cleaner.delete.retention.ms");
    m.put("min.cleanable.dirty.ratio", "log.cleaner.min.cleanable.ratio");
    m.keySet().forEach(t -> TopicConfigCatalogue.find(t).orElseThrow());
    return java.util.Collections.unmodifiableMap(m);
  }

  private static Map<String, String> invert(Map<String, String> m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((topic, broker) -> out.put(broker, topic));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** Broker config names that may be set cluster-wide, in a stable order. */
  public static List<String> brokerNames() {
    return List.copyOf(TOPIC_OF.keySet());
  }

  /** The broker synonym of a topic config, if it can be set cluster-wide. */
  public static Optional<String> brokerSynonym(String topicConfig) {
    return Optional.ofNullable(SYNONYMS.get(topicConfig));
  }

  /** The topic config a cluster-wide broker config stands for, if it is one we accept. */
  public static Optional<String> topicConfigOf(String brokerConfig) {
    return Optional.ofNullable(TOPIC_OF.get(brokerConfig));
  }

  /** Why {@code value} is not acceptable for broker config {@code name}, or empty when it is. */
  public static Optional<String> validate(String name, String value) {
    Optional<String> topic = topicConfigOf(name);
    if (topic.isEmpty()) {
      return Optional.of("Cannot update these configs dynamically: [" + name + "]");
    }
    return TopicConfigCatalogue.validate(topic.get(), value)
        .map(why -> why.replace("configuration " + topic.get(), "configuration " + name));
  }

  /**
   * The configs in force for a topic that differ from Kafka's defaults, by topic config name: its
   * own overrides over the cluster-wide defaults (given by broker name; unknown names ignored).
   */
  public static Map<String, String> merge(
      Map<String, String> topicOverrides, Map<String, String> brokerDefaults) {
    if (brokerDefaults.isEmpty()) {
      return topicOverrides;
    }
    Map<String, String> out = new TreeMap<>();
    brokerDefaults.forEach((b, v) -> topicConfigOf(b).ifPresent(t -> out.put(t, v)));
    out.putAll(topicOverrides);
    return out;
  }
}
