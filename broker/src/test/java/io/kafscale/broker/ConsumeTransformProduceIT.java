/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once consume-transform-produce (sendOffsetsToTransaction) with kafka-clients against one
 * broker over loopback.
 */
class ConsumeTransformProduceIT {
  private static final int PARTITIONS = 2;
  private static final int PER_PARTITION = 15;

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
  void shouldProduceEveryResultExactlyOnceAndCommitInputOffsetsWhenABatchIsAbortedAndRetried()
      throws Exception {
    // Given: an input topic with records on both partitions
    String input = "ctp-in";
    String output = "ctp-out";
    String group = "ctp-group";
    admin
        .createTopics(
            List.of(
                new NewTopic(input, PARTITIONS, (short) 1),
                new NewTopic(output, PARTITIONS, (short) 1)))
        .all()
        .get();
    try (KafkaProducer<String, String> plain = plainProducer()) {
      for (int i = 0; i < PER_PARTITION; i++) {
        for (int p = 0; p < PARTITIONS; p++) {
          plain.send(new ProducerRecord<>(input, p, "k", "in-" + p + "-" + i));
        }
      }
      plain.flush();
    }
    // When: poll, transform, send offsets in the transaction, commit; the third batch is aborted
    // and re-processed from its first offsets
    try (KafkaProducer<String, String> producer = transactionalProducer("ctp-tx");
        KafkaConsumer<String, String> consumer = consumer(group)) {
      producer.initTransactions();
      consumer.subscribe(List.of(input));
      Map<TopicPartition, Long> processed = new HashMap<>();
      int[] batches = {0};
      boolean[] aborted = {false};
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                  return processed.values().stream().mapToLong(Long::longValue).sum()
                      == (long) PARTITIONS * PER_PARTITION;
                }
                producer.beginTransaction();
                Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
                Map<TopicPartition, Long> first = new HashMap<>();
                for (ConsumerRecord<String, String> r : records) {
                  TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                  producer.send(
                      new ProducerRecord<>(output, r.partition(), r.key(), "out-" + r.value()));
                  first.putIfAbsent(tp, r.offset());
                  next.put(tp, new OffsetAndMetadata(r.offset() + 1));
                }
                producer.sendOffsetsToTransaction(next, consumer.groupMetadata());
                if (++batches[0] == 3 && !aborted[0]) {
                  aborted[0] = true;
                  producer.abortTransaction();
                  first.forEach(consumer::seek); // re-process the aborted batch
                } else {
                  producer.commitTransaction();
                  next.forEach((tp, o) -> processed.put(tp, o.offset()));
                }
                return false;
              });
      assertThat(aborted[0]).isTrue();
    }
    // Then: every input's result exactly once, in input order per partition
    Map<Integer, List<String>> results = readCommitted(output, PARTITIONS * PER_PARTITION);
    for (int p = 0; p < PARTITIONS; p++) {
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < PER_PARTITION; i++) {
        expected.add("out-in-" + p + "-" + i);
      }
      assertThat(results.get(p)).as("partition %d", p).containsExactlyElementsOf(expected);
    }
    // Then: the group's committed offsets are the input's end offsets
    Map<TopicPartition, Long> expectedOffsets = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      expectedOffsets.put(new TopicPartition(input, p), (long) PER_PARTITION);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        admin
                            .listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata()
                            .get()
                            .entrySet()
                            .stream()
                            .collect(
                                Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset())))
                    .isEqualTo(expectedOffsets));
  }

  private static KafkaProducer<String, String> plainProducer() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  private static KafkaProducer<String, String> transactionalProducer(String transactionalId) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(String group) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 4);
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }

  /** The values per partition, read_committed from the beginning until {@code expected} arrived. */
  private static Map<Integer, List<String>> readCommitted(String topic, int expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<Integer, List<String>> values = new HashMap<>();
    int[] count = {0};
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
                  values.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r.value());
                  count[0]++;
                }
                return count[0] >= expected;
              });
      // A little longer: no duplicate and no aborted record may follow.
      consumer
          .poll(Duration.ofMillis(500))
          .forEach(
              r -> values.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r.value()));
    }
    return values;
  }
}
