/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumer throughput without a consumer group, for scripts/bench.sh: Kafka's ConsumerPerformance
 * always subscribes through a group, which the broker does not serve yet. Assigns every partition
 * of the topic, reads from the beginning until {@code --messages} records arrived (or the timeout
 * passed) and prints records/s and MB/s the way ConsumerPerformance does. Not a test.
 *
 * <p>Usage: {@code AssignConsumerPerformance --bootstrap-server H:P --topic T --messages N
 * [--fetch-size BYTES] [--timeout-ms MS]}
 */
public final class AssignConsumerPerformance {
  private AssignConsumerPerformance() {}

  public static void main(String[] args) {
    Map<String, String> options = parse(args);
    String topic = require(options, "--topic");
    long messages = Long.parseLong(require(options, "--messages"));
    long timeoutMs = Long.parseLong(options.getOrDefault("--timeout-ms", "120000"));
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, require(options, "--bootstrap-server"));
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
        options.getOrDefault("--fetch-size", "1048576"));
    props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 2 * 1024 * 1024);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long records = 0;
      long bytes = 0;
      long start = System.nanoTime();
      long deadline = start + timeoutMs * 1_000_000L;
      while (records < messages && System.nanoTime() < deadline) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
        for (ConsumerRecord<byte[], byte[]> record : batch) {
          records++;
          bytes += record.serializedValueSize() + Math.max(0, record.serializedKeySize());
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double mb = bytes / (1024.0 * 1024.0);
      System.out.printf(
          "records=%d, MB=%.1f, seconds=%.2f, records/s=%.0f, MB/s=%.1f%n",
          records, mb, seconds, records / seconds, mb / seconds);
      if (records < messages) {
        System.err.printf("timed out: consumed %d of %d records%n", records, messages);
        System.exit(1);
      }
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    return options;
  }

  private static String require(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing " + name);
    }
    return value;
  }
}
