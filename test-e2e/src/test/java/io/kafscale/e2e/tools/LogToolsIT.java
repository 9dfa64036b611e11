/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafscale.broker.testing.BrokerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.tools.DeleteRecordsCommand;
import org.apache.kafka.tools.LogDirsCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's own {@code kafka-log-dirs} and {@code kafka-delete-records} (kafka-tools 4.x, run
 * in-process) against an in-process broker.
 */
class LogToolsIT {
  private static BrokerFixture broker;
  private static Admin admin;

  @BeforeAll
  static void start() throws Exception {
    broker = BrokerFixture.start(Map.of("KAFSCALE_S3_NAMESPACE", "tools"));
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    admin
        .createTopics(List.of(new NewTopic("sizes", 2, (short) 1)))
        .all()
        .get(30, TimeUnit.SECONDS);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>("sizes", 0, "k", "v" + i)).get(30, TimeUnit.SECONDS);
      }
    }
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldDescribeLogDirsWithKafkaLogDirsTool() throws Exception {
    // When
    KafkaTool.Output out =
        KafkaTool.run(
            "kafka-log-dirs",
            LogDirsCommand::main,
            "--bootstrap-server",
            broker.bootstrapServers(),
            "--describe",
            "--topic-list",
            "sizes");

    // Then the JSON line lists one dir with both partitions of the topic
    assertThat(out.exitCode()).isZero();
    String json = out.text().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
    JsonNode dir = new ObjectMapper().readTree(json).path("brokers").get(0).path("logDirs").get(0);
    assertThat(dir.path("logDir").asText()).isEqualTo("/tools");
    assertThat(dir.path("error").isNull()).isTrue();
    Map<String, Long> sizes = new TreeMap<>();
    dir.path("partitions")
        .forEach(p -> sizes.put(p.path("partition").asText(), p.path("size").asLong()));
    assertThat(sizes).containsOnlyKeys("sizes-0", "sizes-1");
    assertThat(sizes.get("sizes-0")).isPositive();
    assertThat(sizes.get("sizes-1")).isZero();
  }

  @Test
  void shouldDeleteRecordsWithKafkaDeleteRecordsTool(@TempDir Path dir) throws Exception {
    // Given
    Path offsets = dir.resolve("offsets.json");
    Files.writeString(
        offsets,
        "{\"version\":1,\"partitions\":[{\"topic\":\"sizes\",\"partition\":0,\"offset\":4}]}");

    // When
    KafkaTool.Output out =
        KafkaTool.run(
            "kafka-delete-records",
            args -> DeleteRecordsCommand.main(args),
            "--bootstrap-server",
            broker.bootstrapServers(),
            "--offset-json-file",
            offsets.toString());

    // Then
    assertThat(out.exitCode()).isZero();
    assertThat(out.text()).contains("partition: sizes-0").contains("low_watermark: 4");
    TopicPartition tp = new TopicPartition("sizes", 0);
    assertThat(
            admin
                .listOffsets(Map.of(tp, OffsetSpec.earliest()))
                .partitionResult(tp)
                .get(30, TimeUnit.SECONDS)
                .offset())
        .isEqualTo(4);
  }
}
