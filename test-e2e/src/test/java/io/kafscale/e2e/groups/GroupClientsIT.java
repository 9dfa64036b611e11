/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.groups;

import static io.kafscale.e2e.groups.GroupConsumers.committed;
import static io.kafscale.e2e.groups.GroupConsumers.member;
import static io.kafscale.e2e.groups.GroupConsumers.pollRecords;
import static io.kafscale.e2e.groups.GroupConsumers.produce;
import static io.kafscale.e2e.groups.GroupConsumers.record;
import static io.kafscale.e2e.groups.GroupConsumers.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.testing.BrokerProcess;
import io.kafscale.e2e.support.Clients;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group consumers of four client libraries read one three-partition topic at the same time, each in
 * its own group, against a broker jar process: kcat (librdkafka 2.0 balanced consumer, {@code -G}),
 * kafka-python 2.0.2 ({@code KafkaConsumer(group_id=...)}), kafkajs 2.2.4 ({@code consumer.run})
 * and kafka-clients. Each sees every record and commits; a second run of each group gets exactly
 * the records produced since, none re-read.
 */
class GroupClientsIT {
  private static final int PARTITIONS = 3;
  private static final int FIRST = 300;
  private static final int SECOND = 60;
  private static final long CLIENT_TIMEOUT_SECONDS = 120;
  private static final Path PYTHON_SCRIPT =
      Path.of("src/test/python/group_consume.py").toAbsolutePath();
  private static final Path JS_SCRIPT = Path.of("src/test/js/group_consume.js").toAbsolutePath();

  @TempDir Path dataDir;
  private BrokerProcess broker;
  private String bootstrap;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeEach
  void startBroker() {
    broker =
        BrokerProcess.create(dataDir, Map.of("KAFSCALE_GROUP_INITIAL_REBALANCE_DELAY_MS", "200"))
            .start();
    bootstrap = broker.bootstrapServers();
  }

  @AfterEach
  void stopEverything() {
    for (AutoCloseable closeable : closeables.reversed()) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Keep stopping the rest; the broker is killed below whatever happened here.
      }
    }
    broker.close();
  }

  @Test
  void shouldGiveEveryRecordToAGroupOfEachClientAndResumeAfterItsCommit() {
    // Given
    String topic = "groups-clients";
    Clients.createTopic(bootstrap, topic, PARTITIONS);
    List<String> first = produceValues(topic, "first-", FIRST);

    // When every client's group consumes the topic at the same time
    Map<String, List<String>> firstRun = consumeWithEveryClient(topic, FIRST);

    // Then each group saw every record once and committed the end of every partition
    firstRun.forEach(
        (group, seen) ->
            assertThat(seen)
                .as("values seen by %s", group)
                .containsExactlyInAnyOrderElementsOf(first));
    Map<TopicPartition, Long> ends = new LinkedHashMap<>();
    IntStream.range(0, PARTITIONS)
        .forEach(p -> ends.put(new TopicPartition(topic, p), (long) FIRST / PARTITIONS));
    firstRun
        .keySet()
        .forEach(
            group ->
                assertThat(committed(bootstrap, group))
                    .as("offsets committed by %s", group)
                    .containsExactlyInAnyOrderEntriesOf(ends));

    assertThat(ConsumerGroupsTool.run(bootstrap, "--list").lines())
        .as("groups listed by kafka-consumer-groups")
        .containsAll(firstRun.keySet());

    // When more records arrive and every group runs again
    List<String> second = produceValues(topic, "second-", SECOND);
    Map<String, List<String>> secondRun = consumeWithEveryClient(topic, SECOND);

    // Then each group resumes after its commit: only the new records, none re-read
    secondRun.forEach(
        (group, seen) ->
            assertThat(seen)
                .as("values seen by %s on its second run", group)
                .containsExactlyInAnyOrderElementsOf(second));
  }

  /** Runs one group consumer per client library, all at once; values seen, keyed by group. */
  private Map<String, List<String>> consumeWithEveryClient(String topic, int count) {
    String n = Integer.toString(count);
    Map<String, ClientProcess> external = new LinkedHashMap<>();
    external.put(
        "g-kcat",
        start(
            "kcat",
            "-b",
            bootstrap,
            "-G",
            "g-kcat",
            "-X",
            "auto.offset.reset=earliest",
            "-c",
            n,
            "-q",
            "-f",
            "V %s\\n",
            topic));
    external.put(
        "g-python",
        start("/usr/bin/python3", PYTHON_SCRIPT.toString(), bootstrap, topic, "g-python", n));
    external.put(
        "g-kafkajs", start("node", JS_SCRIPT.toString(), bootstrap, topic, "g-kafkajs", n));

    Map<String, List<String>> seen = new LinkedHashMap<>();
    seen.put("g-java", consumeWithJava(topic, count));
    external.forEach(
        (group, client) -> {
          String stdout = client.awaitSuccess(CLIENT_TIMEOUT_SECONDS).stdout();
          seen.put(
              group,
              stdout.lines().filter(l -> l.startsWith("V ")).map(l -> l.substring(2)).toList());
        });
    return seen;
  }

  /** A kafka-clients member of "g-java" that reads {@code count} records and commits them. */
  private List<String> consumeWithJava(String topic, int count) {
    // "earliest" applies only without a committed offset, so a lost commit would show as re-reads.
    try (KafkaConsumer<byte[], byte[]> consumer =
        member(bootstrap, "g-java", "e2e-java", "earliest")) {
      consumer.subscribe(List.of(topic));
      List<String> values = values(pollRecords(consumer, count));
      consumer.commitSync();
      return values;
    }
  }

  private ClientProcess start(String... command) {
    ClientProcess client = ClientProcess.start(List.of(command));
    closeables.add(client);
    return client;
  }

  private List<String> produceValues(String topic, String prefix, int count) {
    long now = System.currentTimeMillis();
    produce(
        bootstrap,
        IntStream.range(0, count)
            .mapToObj(i -> record(topic, i % PARTITIONS, now, prefix + i))
            .toList());
    return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
  }
}
