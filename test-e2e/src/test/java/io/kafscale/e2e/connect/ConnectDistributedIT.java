/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafscale.e2e.cluster.ClusterHarness;
import io.kafscale.e2e.support.Clients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 acceptance: an unmodified Kafka Connect worker in distributed mode runs against one
 * Kafscale broker (etcd + S3). The worker creates its compacted internal topics itself, a source
 * connector writes into Kafscale, a sink connector reads back, and a second worker of the same
 * group resumes the source from its committed offsets after the first one stopped.
 */
class ConnectDistributedIT {
  private static final String GROUP = "connect-it";
  private static final String DATA_TOPIC = "connect-data";
  private static final String SOURCE = "counting-source";
  private static final String SINK = "recording-sink";
  private static final String LEDGER = "connect-it-" + System.nanoTime();
  private static final int FIRST_RUN = 30;
  private static final int SECOND_RUN = 60;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(40);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private ClusterHarness cluster;
  private ConnectWorker worker;

  @BeforeEach
  void startBroker() {
    cluster = ClusterHarness.start(tmp, 1);
  }

  @AfterEach
  void stopAll() {
    try {
      if (worker != null) {
        worker.close();
      }
    } finally {
      cluster.close();
    }
  }

  @Test
  void shouldRunSourceAndSinkConnectorsAndResumeFromCommittedOffsetsAfterWorkerRestart()
      throws Exception {
    // Given: a data topic and a distributed worker that creates its own internal topics
    String bootstrap = cluster.bootstrap();
    cluster.createTopic(DATA_TOPIC, 1);
    worker = ConnectWorker.start(bootstrap, GROUP);

    // When: a source and a sink connector are created through the REST API
    createConnector(SOURCE, sourceConfig(FIRST_RUN));
    createConnector(SINK, sinkConfig());

    // Then: both run, the records land in Kafscale and reach the sink exactly once
    awaitRunning(SOURCE);
    awaitRunning(SINK);
    awaitSinkReceived(FIRST_RUN);
    assertThat(topicValues()).containsExactlyElementsOf(expectedValues(FIRST_RUN));
    awaitCommittedSourceOffset(FIRST_RUN - 1);
    awaitCommittedSinkOffset(bootstrap, FIRST_RUN);
    assertInternalTopicsCompacted(bootstrap);

    // When: the worker stops and a second worker of the same group takes over (it finds the
    // internal topics already there and refuses to start unless describeConfigs reports them
    // compact), after which the source is allowed to continue
    worker.close();
    worker = null;
    worker = ConnectWorker.start(bootstrap, GROUP);
    awaitRunning(SOURCE);
    awaitRunning(SINK);
    putConfig(SOURCE, sourceConfig(SECOND_RUN));

    // Then: the source resumed after its committed offset and the sink after its committed group
    // offset. Connect is at-least-once: records after the last commit would be replayed. The test
    // waited for both commits to cover everything before stopping the first worker, so the replay
    // window is empty and every record must be in the topic and at the sink exactly once, in order.
    awaitSinkReceived(SECOND_RUN);
    assertThat(topicValues()).containsExactlyElementsOf(expectedValues(SECOND_RUN));
    assertThat(SinkLedger.received(LEDGER)).containsExactlyElementsOf(expectedValues(SECOND_RUN));
    awaitCommittedSourceOffset(SECOND_RUN - 1);
    awaitCommittedSinkOffset(bootstrap, SECOND_RUN);
  }

  private void createConnector(String name, Map<String, String> config) {
    // 409 while the worker is still joining its group or rebalancing: retry until it leads.
    await("create connector " + name)
        .atMost(CONNECT_TIMEOUT)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              ConnectWorker.Response response = worker.createConnector(name, config);
              assertThat(response.status()).as(response.body()).isEqualTo(201);
            });
  }

  private void putConfig(String name, Map<String, String> config) {
    await("update connector " + name)
        .atMost(CONNECT_TIMEOUT)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              ConnectWorker.Response response = worker.putConfig(name, config);
              assertThat(response.status()).as(response.body()).isEqualTo(200);
            });
  }

  private void awaitRunning(String name) {
    await(name + " and its task RUNNING")
        .atMost(CONNECT_TIMEOUT)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              ConnectWorker.Response response = worker.status(name);
              assertThat(response.status()).as(response.body()).isEqualTo(200);
              JsonNode status = response.json();
              assertThat(status.path("connector").path("state").asText())
                  .as(response.body())
                  .isEqualTo("RUNNING");
              assertThat(status.path("tasks")).as(response.body()).hasSize(1);
              assertThat(status.path("tasks").get(0).path("state").asText())
                  .as(response.body())
                  .isEqualTo("RUNNING");
              assertThat(status.path("tasks").get(0).path("worker_id").asText())
                  .as(response.body())
                  .isEqualTo(worker.restUri().getAuthority());
            });
  }

  private void awaitSinkReceived(int count) {
    await("sink received " + count + " records")
        .atMost(CONNECT_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> SinkLedger.received(LEDGER).size() >= count);
    assertThat(SinkLedger.received(LEDGER)).containsExactlyElementsOf(expectedValues(count));
  }

  /** The last source offset the worker committed for the source's stream, read from the topic. */
  private void awaitCommittedSourceOffset(long seq) {
    await("committed source offset " + seq + " in " + ConnectWorker.OFFSET_TOPIC)
        .atMost(CONNECT_TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(lastCommittedSeq()).isEqualTo(seq));
  }

  private long lastCommittedSeq() throws Exception {
    // Connect keys source offsets as ["<connector>",<source partition>] in JSON.
    JsonNode wanted = JSON.readTree("[\"" + SOURCE + "\",{\"stream\":\"" + DATA_TOPIC + "\"}]");
    long last = -1;
    for (int p = 0; p < ConnectWorker.OFFSET_PARTITIONS; p++) {
      TopicPartition partition = new TopicPartition(ConnectWorker.OFFSET_TOPIC, p);
      for (ConsumerRecord<byte[], byte[]> record :
          Clients.readAll(cluster.bootstrap(), partition)) {
        if (record.key() != null
            && record.value() != null
            && JSON.readTree(record.key()).equals(wanted)) {
          last = JSON.readTree(record.value()).path(CountingSourceTask.SEQ).asLong();
        }
      }
    }
    return last;
  }

  /** The sink task's consumer group (connect-<connector>) committed {@code offset} on the data. */
  private static void awaitCommittedSinkOffset(String bootstrap, long offset) {
    TopicPartition data = new TopicPartition(DATA_TOPIC, 0);
    try (Admin admin = Clients.admin(bootstrap)) {
      await("sink group committed offset " + offset)
          .atMost(CONNECT_TIMEOUT)
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                Map<TopicPartition, OffsetAndMetadata> committed =
                    admin
                        .listConsumerGroupOffsets("connect-" + SINK)
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                assertThat(committed.get(data)).isNotNull();
                assertThat(committed.get(data).offset()).isEqualTo(offset);
              });
    }
  }

  private void assertInternalTopicsCompacted(String bootstrap) throws Exception {
    List<String> internal =
        List.of(ConnectWorker.CONFIG_TOPIC, ConnectWorker.OFFSET_TOPIC, ConnectWorker.STATUS_TOPIC);
    List<ConfigResource> resources =
        internal.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
    try (Admin admin = Clients.admin(bootstrap)) {
      Map<ConfigResource, Config> configs =
          admin.describeConfigs(resources).all().get(15, TimeUnit.SECONDS);
      for (ConfigResource resource : resources) {
        assertThat(configs.get(resource).get("cleanup.policy").value())
            .as("cleanup.policy of %s", resource.name())
            .isEqualTo("compact");
      }
    }
  }

  private List<String> topicValues() {
    List<String> values = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record :
        Clients.readAll(cluster.bootstrap(), new TopicPartition(DATA_TOPIC, 0))) {
      values.add(new String(record.value(), StandardCharsets.UTF_8));
    }
    return values;
  }

  private static List<String> expectedValues(int count) {
    return LongStream.range(0, count).mapToObj(i -> "record-" + i).toList();
  }

  private static Map<String, String> sourceConfig(int records) {
    return Map.of(
        "connector.class",
        CountingSourceConnector.class.getName(),
        "tasks.max",
        "1",
        CountingSourceConnector.TOPIC,
        DATA_TOPIC,
        CountingSourceConnector.RECORDS,
        Integer.toString(records));
  }

  private static Map<String, String> sinkConfig() {
    return Map.of(
        "connector.class",
        RecordingSinkConnector.class.getName(),
        "tasks.max",
        "1",
        "topics",
        DATA_TOPIC,
        RecordingSinkConnector.LEDGER,
        LEDGER);
  }
}
