/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.cluster;

import io.kafscale.metadata.config.BrokerDefaults;
import io.kafscale.metadata.config.TopicConfigCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One described config with its source and synonyms (highest precedence first), using Kafka's
 * DescribeConfigs source ids (DescribeConfigsResponse.ConfigSource). Also builds the entries of a
 * topic (overrides over cluster-wide defaults over Kafka's defaults) and of the brokers. Immutable.
 */
public record ConfigEntry(
    String name,
    String value,
    byte source,
    byte type,
    boolean readOnly,
    String documentation,
    List<Synonym> synonyms) {
  /** Kafka's TOPIC_CONFIG id, which the Admin client shows as DYNAMIC_TOPIC_CONFIG. */
  public static final byte DYNAMIC_TOPIC_CONFIG = 1;

  public static final byte DYNAMIC_DEFAULT_BROKER_CONFIG = 3;
  public static final byte STATIC_BROKER_CONFIG = 4;
  public static final byte DEFAULT_CONFIG = 5;

  /** A value of the same config from one source. */
  public record Synonym(String name, String value, byte source) {}

  /** Every supported topic config of a topic with {@code stored} overrides. */
  public static List<ConfigEntry> topic(Map<String, String> stored) {
    return topic(stored, Map.of());
  }

  /**
   * Every supported topic config of a topic with {@code stored} overrides under the cluster-wide
   * dynamic broker configs {@code brokerDefaults} (by broker name). Synonyms as Kafka lists them,
   * highest precedence first: the topic override (DYNAMIC_TOPIC_CONFIG), the cluster-wide default
   * under its broker name (DYNAMIC_DEFAULT_BROKER_CONFIG), Kafka's default (DEFAULT_CONFIG, under
   * the broker name where there is one).
   */
  public static List<ConfigEntry> topic(
      Map<String, String> stored, Map<String, String> brokerDefaults) {
    List<ConfigEntry> entries = new ArrayList<>();
    for (TopicConfigCatalogue.Definition d : TopicConfigCatalogue.all()) {
      Optional<String> brokerName = BrokerDefaults.brokerSynonym(d.name());
      List<Synonym> synonyms = new ArrayList<>(3);
      String override = stored.get(d.name());
      if (override != null) {
        synonyms.add(new Synonym(d.name(), override, DYNAMIC_TOPIC_CONFIG));
      }
      brokerName
          .filter(brokerDefaults::containsKey)
          .ifPresent(
              b ->
                  synonyms.add(
                      new Synonym(b, brokerDefaults.get(b), DYNAMIC_DEFAULT_BROKER_CONFIG)));
      synonyms.add(new Synonym(brokerName.orElse(d.name()), d.defaultValue(), DEFAULT_CONFIG));
      Synonym top = synonyms.get(0);
      entries.add(
          new ConfigEntry(
              d.name(), top.value(), top.source(), d.type().id(), false, d.doc(), synonyms));
    }
    return entries;
  }

  /**
   * The cluster-wide dynamic broker configs as the default broker resource shows them: only those
   * set, each DYNAMIC_DEFAULT_BROKER_CONFIG.
   */
  public static List<ConfigEntry> brokerDefaults(Map<String, String> brokerDefaults) {
    List<ConfigEntry> entries = new ArrayList<>();
    for (String name : BrokerDefaults.brokerNames()) {
      String value = brokerDefaults.get(name);
      if (value != null) {
        entries.add(dynamicDefault(name, value));
      }
    }
    return entries;
  }

  /**
   * This broker's configs: {@code staticEntries} with every config that can be set cluster-wide
   * replaced by its dynamic default (DYNAMIC_DEFAULT_BROKER_CONFIG) or Kafka's default (writable
   * DEFAULT_CONFIG), sorted by name.
   */
  public static List<ConfigEntry> brokerWithDefaults(
      List<ConfigEntry> staticEntries, Map<String, String> brokerDefaults) {
    Map<String, ConfigEntry> byName = new TreeMap<>();
    staticEntries.forEach(e -> byName.put(e.name(), e));
    for (String name : BrokerDefaults.brokerNames()) {
      String value = brokerDefaults.get(name);
      byName.put(name, value != null ? dynamicDefault(name, value) : kafkaDefault(name));
    }
    return List.copyOf(byName.values());
  }

  private static TopicConfigCatalogue.Definition definitionOfBroker(String brokerName) {
    return TopicConfigCatalogue.find(BrokerDefaults.topicConfigOf(brokerName).orElseThrow())
        .orElseThrow();
  }

  private static ConfigEntry dynamicDefault(String name, String value) {
    TopicConfigCatalogue.Definition d = definitionOfBroker(name);
    return new ConfigEntry(
        name,
        value,
        DYNAMIC_DEFAULT_BROKER_CONFIG,
        d.type().id(),
        false,
        "Cluster-wide default of " + d.name() + ": " + d.doc(),
        List.of(
            new Synonym(name, value, DYNAMIC_DEFAULT_BROKER_CONFIG),
            new Synonym(name, d.defaultValue(), DEFAULT_CONFIG)));
  }

  private static ConfigEntry kafkaDefault(String name) {
    TopicConfigCatalogue.Definition d = definitionOfBroker(name);
    return new ConfigEntry(
        name,
        d.defaultValue(),
        DEFAULT_CONFIG,
        d.type().id(),
        false,
        "Cluster-wide default of " + d.name() + ": " + d.doc(),
        List.of(new Synonym(name, d.defaultValue(), DEFAULT_CONFIG)));
  }

  /** Broker configs: what this broker was configured with, then Kafka defaults it follows. */
  public static List<ConfigEntry> broker(
      BrokerEndpoint self,
      boolean autoCreateTopics,
      int defaultPartitions,
      short replicationFactor,
      String namespace) {
    List<ConfigEntry> entries = new ArrayList<>();
    entries.add(
        fixed(
            "advertised.listeners",
            "PLAINTEXT://" + self.host() + ":" + self.port(),
            STATIC_BROKER_CONFIG,
            TopicConfigCatalogue.Type.LIST,
            "Advertised listener"));
    entries.add(
        fixed(
            "auto.create.topics.enable",
            Boolean.toString(autoCreateTopics),
            STATIC_BROKER_CONFIG,
            TopicConfigCatalogue.Type.BOOLEAN,
            "KAFSCALE_AUTO_CREATE_TOPICS"));
    entries.add(
        fixed(
            "broker.id",
            Integer.toString(self.id()),
            STATIC_BROKER_CONFIG,
            TopicConfigCatalogue.Type.INT,
            "KAFSCALE_BROKER_ID"));
    entries.add(
        fixed(
            "broker.rack",
            self.rack(),
            STATIC_BROKER_CONFIG,
            TopicConfigCatalogue.Type.STRING,
            "Rack of this broker"));
    entries.add(
        fixed(
            "compression.type",
            "producer",
            DEFAULT_CONFIG,
            TopicConfigCatalogue.Type.STRING,
            "Final compression type"));
    entries.add(
        fixed(
            "default.replication.factor",
            Short.toString(replicationFactor),
            STATIC_BROKER_CONFIG,
            TopicConfigCatalogue.Type.INT,
            "Replication factor reported for new topics (the object store replicates)"));
    entries.add(
        fixed(
            "delete.topic.enable",
            "true",
            DEFAULT_CONFIG,
            TopicConfigCatalogue.Type.BOOLEAN,
            "Topics can be deleted"));
    entries.add(
        fixed(
            "kafscale.namespace",
            namespace,
            STATIC_BROKER_CONFIG,
            TopicConfigCatalogue.Type.STRING,
            "KAFSCALE_S3_NAMESPACE: object key prefix"));
    entries.add(
        fixed(
            "log.cleanup.policy",
            "delete",
            DEFAULT_CONFIG,
            TopicConfigCatalogue.Type.LIST,
            "Default cleanup policy"));
    entries.add(
        fixed(
            "log.message.timestamp.type",
            "CreateTime",
            DEFAULT_CONFIG,
            TopicConfigCatalogue.Type.STRING,
            "Default timestamp type"));
    entries.add(
        fixed(
            "log.retention.hours",
            "168",
            DEFAULT_CONFIG,
            TopicConfigCatalogue.Type.INT,
            "Default retention"));
    entries.add(
        fixed(
            "log.segment.bytes",
            "1073741824",
            DEFAULT_CONFIG,
            TopicConfigCatalogue.Type.INT,
            "Default segment size"));
    entries.add(
        fixed(
            "message.max.bytes",
            TopicConfigCatalogue.find(TopicConfigCatalogue.MAX_MESSAGE_BYTES)
                .orElseThrow()
                .defaultValue(),
            DEFAULT_CONFIG,
            TopicConfigCatalogue.Type.INT,
            "Default max.message.bytes"));
    entries.add(
        fixed(
            "min.insync.replicas",
            "1",
            DEFAULT_CONFIG,
            TopicConfigCatalogue.Type.INT,
            "Default minimum in-sync replicas"));
    entries.add(
        fixed(
            "node.id",
            Integer.toString(self.id()),
            STATIC_BROKER_CONFIG,
            TopicConfigCatalogue.Type.INT,
            "KAFSCALE_BROKER_ID"));
    entries.add(
        fixed(
            "num.partitions",
            Integer.toString(defaultPartitions),
            STATIC_BROKER_CONFIG,
            TopicConfigCatalogue.Type.INT,
            "KAFSCALE_AUTO_CREATE_PARTITIONS"));
    return entries;
  }

  private static ConfigEntry fixed(
      String name, String value, byte source, TopicConfigCatalogue.Type type, String doc) {
    return new ConfigEntry(
        name, value, source, type.id(), true, doc, List.of(new Synonym(name, value, source)));
  }
}
