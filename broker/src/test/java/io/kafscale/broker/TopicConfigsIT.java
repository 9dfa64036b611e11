/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.broker.testing.BrokerFixture;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Topic and cluster-wide broker configs through a real kafka-clients Admin against an in-process
 * broker: round trips with Kafka's sources and synonyms, validation errors, validate-only, and the
 * log settings taking effect on produce.
 */
class TopicConfigsIT {
  private static BrokerFixture broker;
  private static Admin admin;

  @BeforeAll
  static void startBroker() {
    broker = BrokerFixture.start();
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  @AfterAll
  static void stopBroker() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static ConfigResource topic(String name) {
    return new ConfigResource(ConfigResource.Type.TOPIC, name);
  }

  private static void create(String name, Map<String, String> configs) throws Exception {
    admin.createTopics(List.of(new NewTopic(name, 1, (short) 1).configs(configs))).all().get();
  }

  private static void alter(ConfigResource resource, AlterConfigOp... ops) throws Exception {
    alter(resource, false, ops);
  }

  private static void alter(ConfigResource resource, boolean validateOnly, AlterConfigOp... ops)
      throws Exception {
    Map<ConfigResource, Collection<AlterConfigOp>> change = Map.of(resource, List.of(ops));
    admin
        .incrementalAlterConfigs(change, new AlterConfigsOptions().validateOnly(validateOnly))
        .all()
        .get();
  }

  private static AlterConfigOp set(String name, String value) {
    return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
  }

  private static AlterConfigOp delete(String name) {
    return new AlterConfigOp(new ConfigEntry(name, null), AlterConfigOp.OpType.DELETE);
  }

  private static ConfigEntry describe(ConfigResource resource, String name) throws Exception {
    Config config =
        admin
            .describeConfigs(List.of(resource), new DescribeConfigsOptions().includeSynonyms(true))
            .all()
            .get()
            .get(resource);
    return config.get(name);
  }

  private static KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000",
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000"));
  }

  @Test
  void shouldRoundTripTopicConfigWithKafkaSources() throws Exception {
    // Given
    create("cfg-roundtrip", Map.of());

    // When
    alter(topic("cfg-roundtrip"), set("retention.ms", "120000"));

    // Then
    ConfigEntry set = describe(topic("cfg-roundtrip"), "retention.ms");
    assertThat(set.value()).isEqualTo("120000");
    assertThat(set.source()).isEqualTo(ConfigSource.DYNAMIC_TOPIC_CONFIG);

    // When
    alter(topic("cfg-roundtrip"), delete("retention.ms"));

    // Then
    ConfigEntry deleted = describe(topic("cfg-roundtrip"), "retention.ms");
    assertThat(deleted.value()).isEqualTo("604800000");
    assertThat(deleted.source()).isEqualTo(ConfigSource.DEFAULT_CONFIG);
  }

  @Test
  void shouldShowClusterDefaultAsSynonymOfTopicConfig() throws Exception {
    // Given
    create("cfg-default", Map.of());
    ConfigResource cluster = new ConfigResource(ConfigResource.Type.BROKER, "");

    // When
    alter(cluster, set("log.retention.ms", "7200000"));
    alter(topic("cfg-default"), set("retention.ms", "60000"));

    // Then
    ConfigEntry retention = describe(topic("cfg-default"), "retention.ms");
    assertThat(retention.value()).isEqualTo("60000");
    assertThat(retention.synonyms())
        .extracting(s -> s.name() + "=" + s.value() + "@" + s.source())
        .containsExactly(
            "retention.ms=60000@" + ConfigSource.DYNAMIC_TOPIC_CONFIG,
            "log.retention.ms=7200000@" + ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG,
            "log.retention.ms=604800000@" + ConfigSource.DEFAULT_CONFIG);
    assertThat(describe(cluster, "log.retention.ms").source())
        .isEqualTo(ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);

    // Cleanup: other tests expect Kafka's defaults
    alter(cluster, delete("log.retention.ms"));
  }

  @Test
  void shouldRejectUnknownConfigAndBadValueWithMessage() throws Exception {
    // Given
    create("cfg-invalid", Map.of());

    // When / Then
    assertThatThrownBy(() -> alter(topic("cfg-invalid"), set("no.such.config", "1")))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("no.such.config");
    assertThatThrownBy(() -> alter(topic("cfg-invalid"), set("retention.ms", "soon")))
        .cause()
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("retention.ms");
  }

  @Test
  void shouldChangeNothingWhenValidateOnly() throws Exception {
    // Given
    create("cfg-validate", Map.of("retention.ms", "100000"));

    // When
    alter(topic("cfg-validate"), true, set("retention.ms", "5"));

    // Then
    assertThat(describe(topic("cfg-validate"), "retention.ms").value()).isEqualTo("100000");
  }

  @Test
  void shouldRefuseTooOldTimestampAfterSettingBeforeMaxMs() throws Exception {
    // Given
    create("cfg-timestamps", Map.of());
    alter(topic("cfg-timestamps"), set("message.timestamp.before.max.ms", "60000"));

    try (KafkaProducer<String, String> producer = producer()) {
      // When
      long old = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
      var send = producer.send(new ProducerRecord<>("cfg-timestamps", 0, old, "k", "v"));

      // Then
      assertThatThrownBy(send::get).cause().isInstanceOf(InvalidTimestampException.class);
      assertThat(producer.send(new ProducerRecord<>("cfg-timestamps", "k", "now")).get().offset())
          .isNotNegative();
    }
  }

  @Test
  void shouldRefuseNullKeyOnCompactedTopic() throws Exception {
    // Given
    create("cfg-compact", Map.of());
    alter(topic("cfg-compact"), set("cleanup.policy", "compact"));

    try (KafkaProducer<String, String> producer = producer()) {
      // When
      var send = producer.send(new ProducerRecord<>("cfg-compact", null, "no key"));

      // Then
      assertThatThrownBy(send::get)
          .cause()
          .isInstanceOf(InvalidRecordException.class)
          .hasMessageContaining("Compacted topic cannot accept message without key");
      assertThat(producer.send(new ProducerRecord<>("cfg-compact", "key", "v")).get().offset())
          .isNotNegative();
    }
  }
}
