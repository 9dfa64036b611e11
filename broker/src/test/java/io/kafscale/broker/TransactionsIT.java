/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Transactions end to end with kafka-clients against one broker over loopback. */
class TransactionsIT {
  private static BrokerFixture broker;
  private static Admin admin;

  @BeforeAll
  static void start() {
    broker = BrokerFixture.start();
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
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
  void shouldShowOnlyCommittedRecordsInOrderToReadCommittedAndAllDataToReadUncommitted()
      throws Exception {
    // Given
    String topic = createTopic("txn-commit-abort", 2);
    try (KafkaProducer<String, String> producer = producer("tx-commit-abort", 60_000)) {
      producer.initTransactions();
      // When: commit, abort, commit
      producer.beginTransaction();
      for (int i = 0; i < 5; i++) {
        producer.send(new ProducerRecord<>(topic, i % 2, "k", "committed-" + i));
      }
      producer.commitTransaction();
      producer.beginTransaction();
      for (int i = 0; i < 3; i++) {
        producer.send(new ProducerRecord<>(topic, i % 2, "k", "aborted-" + i));
      }
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      for (int i = 5; i < 8; i++) {
        producer.send(new ProducerRecord<>(topic, i % 2, "k", "committed-" + i));
      }
      producer.commitTransaction();
    }
    // Then
    List<String> committed = readAll(topic, "read_committed", 8);
    assertThat(committed)
        .containsExactlyInAnyOrder(
            "committed-0",
            "committed-1",
            "committed-2",
            "committed-3",
            "committed-4",
            "committed-5",
            "committed-6",
            "committed-7");
    assertThat(committed.stream().filter(v -> Integer.parseInt(v.split("-")[1]) % 2 == 0))
        .containsExactly("committed-0", "committed-2", "committed-4", "committed-6");
    List<String> uncommitted = readAll(topic, "read_uncommitted", 11);
    assertThat(uncommitted).hasSize(11).contains("aborted-0", "aborted-1", "aborted-2");
  }

  @Test
  void shouldFenceTheOlderProducerOfTheSameTransactionalId() throws Exception {
    // Given
    String topic = createTopic("txn-fencing", 1);
    KafkaProducer<String, String> zombie = producer("tx-fenced", 60_000);
    try (zombie;
        KafkaProducer<String, String> successor = producer("tx-fenced", 60_000)) {
      zombie.initTransactions();
      zombie.beginTransaction();
      zombie.send(new ProducerRecord<>(topic, 0, "k", "zombie")).get();
      // When
      successor.initTransactions();
      successor.beginTransaction();
      successor.send(new ProducerRecord<>(topic, 0, "k", "successor")).get();
      successor.commitTransaction();
      // Then
      assertThatThrownBy(
              () -> {
                zombie.send(new ProducerRecord<>(topic, 0, "k", "late")).get();
                zombie.commitTransaction();
              })
          .satisfies(
              e ->
                  assertThat(e.toString() + e.getCause())
                      .containsAnyOf("ProducerFenced", "InvalidProducerEpoch"));
    }
    assertThat(readAll(topic, "read_committed", 1)).containsExactly("successor");
  }

  @Test
  void shouldAbortAnAbandonedTransactionAfterItsTimeoutSoReadCommittedProgresses()
      throws Exception {
    // Given: an abandoned transaction before a committed one
    String topic = createTopic("txn-timeout", 1);
    KafkaProducer<String, String> abandoned = producer("tx-abandoned", 2_000);
    abandoned.initTransactions();
    abandoned.beginTransaction();
    abandoned.send(new ProducerRecord<>(topic, 0, "k", "abandoned")).get();
    try (KafkaProducer<String, String> other = producer("tx-other", 60_000)) {
      other.initTransactions();
      other.beginTransaction();
      other.send(new ProducerRecord<>(topic, 0, "k", "after")).get();
      other.commitTransaction();
    }
    // When: the coordinator times the first one out (the client never ends it)
    // Then
    assertThat(readAll(topic, "read_committed", 1)).containsExactly("after");
    abandoned.close(Duration.ZERO);
  }

  @Test
  void shouldDescribeAndListTransactionsAndDescribeProducers() throws Exception {
    // Given: an open transaction on one partition
    String topic = createTopic("txn-describe", 1);
    try (KafkaProducer<String, String> producer = producer("tx-described", 60_000)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, 0, "k", "v")).get();
      // When
      TransactionDescription description =
          admin.describeTransactions(List.of("tx-described")).all().get().get("tx-described");
      var listed = admin.listTransactions().all().get();
      var producers =
          admin
              .describeProducers(List.of(new TopicPartition(topic, 0)))
              .partitionResult(new TopicPartition(topic, 0))
              .get()
              .activeProducers();
      // Then
      assertThat(description.state()).isEqualTo(TransactionState.ONGOING);
      assertThat(description.topicPartitions()).containsExactly(new TopicPartition(topic, 0));
      assertThat(listed).anySatisfy(t -> assertThat(t.transactionalId()).isEqualTo("tx-described"));
      assertThat(producers)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.producerId()).isEqualTo(description.producerId());
                assertThat(p.currentTransactionStartOffset()).hasValue(0L);
              });
      producer.commitTransaction();
    }
  }

  private static String createTopic(String name, int partitions) throws Exception {
    admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    return name;
  }

  private static KafkaProducer<String, String> producer(String transactionalId, int timeoutMs) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, timeoutMs);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  /** Polls from the beginning until {@code expected} records arrived (or fails after 30 s). */
  private static List<String> readAll(String topic, String isolation, int expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                  values.add(r.value());
                }
                return values.size() >= expected;
              });
      // A little longer: nothing else (no control records, no aborted data) may follow.
      consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
    }
    return values;
  }
}
