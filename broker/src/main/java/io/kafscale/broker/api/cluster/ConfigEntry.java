/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.cluster;

import io.kafscale.broker.partition.TopicConfigs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One described config with its source and synonyms (highest precedence first), using Kafka's
 * DescribeConfigs source ids. Also builds the entries of a topic (stored overrides over defaults)
 * and of this broker. Immutable.
 */
public record ConfigEntry(
    String name,
    String value,
    byte source,
    byte type,
    boolean readOnly,
    String documentation,
    List<Synonym> synonyms) {
  public static final byte DYNAMIC_TOPIC_CONFIG = 1;
  public static final byte STATIC_BROKER_CONFIG = 4;
  public static final byte DEFAULT_CONFIG = 5;

  /** A value of the same config from one source. */
  public record Synonym(String name, String value, byte source) {}

  /** Every supported topic config of a topic with {@code stored} overrides. */
  public static List<ConfigEntry> topic(Map<String, String> stored) {
    List<ConfigEntry> entries = new ArrayList<>();
    for (TopicConfigs.Definition d : TopicConfigs.all()) {
      Synonym dflt = new Synonym(d.name(), d.defaultValue(), DEFAULT_CONFIG);
      String override = stored.get(d.name());
      entries.add(
          override == null
              ? new ConfigEntry(
                  d.name(),
                  d.defaultValue(),
                  DEFAULT_CONFIG,
                  d.type().id(),
                  false,
                  d.doc(),
                  List.of(dflt))
              : new ConfigEntry(
                  d.name(),
                  override,
                  DYNAMIC_TOPIC_CONFIG,
                  d.type().id(),
                  false,
                  d.doc(),
                  List.of(new Synonym(d.name(), override, DYNAMIC_TOPIC_CONFIG), dflt)));
    }
    return entries;
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
            TopicConfigs.Type.LIST,
            "Advertised listener"));
    entries.add(
        fixed(
            "auto.create.topics.enable",
            Boolean.toString(autoCreateTopics),
            STATIC_BROKER_CONFIG,
            TopicConfigs.Type.BOOLEAN,
            "KAFSCALE_AUTO_CREATE_TOPICS"));
    entries.add(
        fixed(
            "broker.id",
            Integer.toString(self.id()),
            STATIC_BROKER_CONFIG,
            TopicConfigs.Type.INT,
            "KAFSCALE_BROKER_ID"));
    entries.add(
        fixed(
            "broker.rack",
            self.rack(),
            STATIC_BROKER_CONFIG,
            TopicConfigs.Type.STRING,
            "Rack of this broker"));
    entries.add(
        fixed(
            "compression.type",
            "producer",
            DEFAULT_CONFIG,
            TopicConfigs.Type.STRING,
            "Final compression type"));
    entries.add(
        fixed(
            "default.replication.factor",
            Short.toString(replicationFactor),
            STATIC_BROKER_CONFIG,
            TopicConfigs.Type.INT,
            "Replication factor reported for new topics (the object store replicates)"));
    entries.add(
        fixed(
            "delete.topic.enable",
            "true",
            DEFAULT_CONFIG,
            TopicConfigs.Type.BOOLEAN,
            "Topics can be deleted"));
    entries.add(
        fixed(
            "kafscale.namespace",
            namespace,
            STATIC_BROKER_CONFIG,
            TopicConfigs.Type.STRING,
            "KAFSCALE_S3_NAMESPACE: object key prefix"));
    entries.add(
        fixed(
            "log.cleanup.policy",
            "delete",
            DEFAULT_CONFIG,
            TopicConfigs.Type.LIST,
            "Default cleanup policy"));
    entries.add(
        fixed(
            "log.message.timestamp.type",
            "CreateTime",
            DEFAULT_CONFIG,
            TopicConfigs.Type.STRING,
            "Default timestamp type"));
    entries.add(
        fixed(
            "log.retention.hours",
            "168",
            DEFAULT_CONFIG,
            TopicConfigs.Type.INT,
            "Default retention"));
    entries.add(
        fixed(
            "log.segment.bytes",
            "1073741824",
            DEFAULT_CONFIG,
            TopicConfigs.Type.INT,
            "Default segment size"));
    entries.add(
        fixed(
            "message.max.bytes",
            TopicConfigs.find(TopicConfigs.MAX_MESSAGE_BYTES).orElseThrow().defaultValue(),
            DEFAULT_CONFIG,
            TopicConfigs.Type.INT,
            "Default max.message.bytes"));
    entries.add(
        fixed(
            "min.insync.replicas",
            "1",
            DEFAULT_CONFIG,
            TopicConfigs.Type.INT,
            "Default minimum in-sync replicas"));
    entries.add(
        fixed(
            "node.id",
            Integer.toString(self.id()),
            STATIC_BROKER_CONFIG,
            TopicConfigs.Type.INT,
            "KAFSCALE_BROKER_ID"));
    entries.add(
        fixed(
            "num.partitions",
            Integer.toString(defaultPartitions),
            STATIC_BROKER_CONFIG,
            TopicConfigs.Type.INT,
            "KAFSCALE_AUTO_CREATE_PARTITIONS"));
    return entries;
  }

  private static ConfigEntry fixed(
      String name, String value, byte source, TopicConfigs.Type type, String doc) {
    return new ConfigEntry(
        name, value, source, type.id(), true, doc, List.of(new Synonym(name, value, source)));
  }
}
