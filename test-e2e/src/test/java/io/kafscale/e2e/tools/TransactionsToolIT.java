/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerFixture;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.tools.TransactionsCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka's own {@code kafka-transactions} tool (kafka-tools 4.x, run in-process) against an
 * in-process broker holding one open transaction of a real transactional producer: {@code list},
 * {@code describe}, {@code describe-producers}, and {@code abort} of the open transaction by its
 * start offset, asserted on the tool's printed tables.
 */
class TransactionsToolIT {
  private static final String TOPIC = "txn-tool";
  private static final String TRANSACTIONAL_ID = "txn-tool-app";
  private static BrokerFixture broker;
  private static Admin admin;
  private static KafkaProducer<String, String> producer;

  @BeforeAll
  static void start() throws Exception {
    broker = BrokerFixture.start(Map.of("KAFSCALE_S3_NAMESPACE", "txn-tool"));
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    // An open transaction: one record written, neither committed nor aborted.
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                TRANSACTIONAL_ID,
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                600_000),
            new StringSerializer(),
            new StringSerializer());
    producer.initTransactions();
    producer.beginTransaction();
    producer.send(new ProducerRecord<>(TOPIC, 0, "k", "open")).get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    if (producer != null) {
      producer.close(Duration.ZERO);
    }
    if (admin != null) {
      admin.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static KafkaTool.Output tool(String... args) throws Exception {
    String[] all = new String[args.length + 2];
    all[0] = "--bootstrap-server";
    all[1] = broker.bootstrapServers();
    System.arraycopy(args, 0, all, 2, args.length);
    return KafkaTool.run("kafka-transactions", TransactionsCommand::main, all);
  }

  /** The table row whose first cell is {@code first}, split into cells. */
  private static Optional<List<String>> row(KafkaTool.Output out, String first) {
    return out.text()
        .lines()
        .map(l -> Arrays.asList(l.trim().split("\\s+")))
        .filter(cells -> cells.get(0).equals(first))
        .findFirst();
  }

  /** The header row (starting with {@code first}) and the data row starting with {@code value}. */
  private static Map<String, String> record(KafkaTool.Output out, String first, String value) {
    List<String> header = row(out, first).orElseThrow(() -> new AssertionError(out.text()));
    List<String> data = row(out, value).orElseThrow(() -> new AssertionError(out.text()));
    assertThat(data).as(out.text()).hasSameSizeAs(header);
    java.util.LinkedHashMap<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      map.put(header.get(i), data.get(i));
    }
    return map;
  }

  private static long producerId() throws Exception {
    return admin
        .describeTransactions(List.of(TRANSACTIONAL_ID))
        .description(TRANSACTIONAL_ID)
        .get(30, TimeUnit.SECONDS)
        .producerId();
  }

  @Test
  void shouldListTheOpenTransactionWithKafkaTransactionsList() throws Exception {
    // When
    KafkaTool.Output out = tool("list");
    // Then
    assertThat(out.exitCode()).as(out.text()).isZero();
    Map<String, String> txn = record(out, "TransactionalId", TRANSACTIONAL_ID);
    assertThat(txn)
        .containsEntry("TransactionState", "Ongoing")
        .containsEntry("ProducerId", Long.toString(producerId()))
        .containsEntry("Coordinator", Integer.toString(broker.broker().brokerId()));
  }

  @Test
  void shouldDescribeTheOpenTransactionWithKafkaTransactionsDescribe() throws Exception {
    // When
    KafkaTool.Output out = tool("describe", "--transactional-id", TRANSACTIONAL_ID);
    // Then
    assertThat(out.exitCode()).as(out.text()).isZero();
    Map<String, String> txn =
        record(out, "CoordinatorId", Integer.toString(broker.broker().brokerId()));
    assertThat(txn)
        .containsEntry("TransactionalId", TRANSACTIONAL_ID)
        .containsEntry("ProducerId", Long.toString(producerId()))
        .containsEntry("TransactionState", "Ongoing")
        .containsEntry("TransactionTimeoutMs", "600000")
        .containsEntry("TopicPartitions", TOPIC + "-0");
  }

  @Test
  void shouldDescribeProducersAndAbortTheOpenTransactionByItsStartOffset() throws Exception {
    // Given the partition's producer with its open transaction starting at offset 0
    KafkaTool.Output before = tool("describe-producers", "--topic", TOPIC, "--partition", "0");
    assertThat(before.exitCode()).as(before.text()).isZero();
    Map<String, String> producerRow = record(before, "ProducerId", Long.toString(producerId()));
    assertThat(producerRow)
        .containsEntry("ProducerEpoch", "0")
        .containsEntry("LastSequence", "0")
        .containsEntry("CurrentTransactionStartOffset", "0");
    TopicPartition tp = new TopicPartition(TOPIC, 0);
    assertThat(lastStableOffset(tp)).isZero();

    // When the operator aborts it with the tool
    KafkaTool.Output abort =
        tool("abort", "--topic", TOPIC, "--partition", "0", "--start-offset", "0");

    // Then the abort marker is written: no transaction is open on the partition any more and
    // read_committed consumers may read past it
    assertThat(abort.exitCode()).as(abort.text()).isZero();
    await("the last stable offset moves past the aborted transaction")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(lastStableOffset(tp)).isEqualTo(2));
    KafkaTool.Output after = tool("describe-producers", "--topic", TOPIC, "--partition", "0");
    assertThat(record(after, "ProducerId", Long.toString(producerId())))
        .containsEntry("CurrentTransactionStartOffset", "None");
  }

  private static long lastStableOffset(TopicPartition tp) throws Exception {
    return admin
        .listOffsets(
            Map.of(tp, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
        .partitionResult(tp)
        .get(30, TimeUnit.SECONDS)
        .offset();
  }
}
