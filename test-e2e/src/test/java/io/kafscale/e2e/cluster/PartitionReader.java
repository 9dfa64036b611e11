/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.cluster;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads whole partitions back with a group-less consumer ({@code assign()} + {@code
 * seekToBeginning}) up to the end offsets at call time. Stateless, thread-safe.
 */
public final class PartitionReader {
  private PartitionReader() {}

  /** Partition to its records from the log start up to its end offset, for all partitions. */
  public static Map<Integer, List<ConsumerRecord<byte[], byte[]>>> readAll(
      String bootstrap, String topic, int partitions) {
    List<TopicPartition> tps =
        IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> ends = consumer.endOffsets(tps, Duration.ofSeconds(30));
      Map<Integer, List<ConsumerRecord<byte[], byte[]>>> out = new HashMap<>();
      tps.forEach(tp -> out.put(tp.partition(), new ArrayList<>()));
      await("read " + topic + " up to end offsets " + ends)
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ZERO)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.get(r.partition()).add(r));
                return tps.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
              });
      // A fetch may return records past the end offset taken above; keep exactly [start, end).
      out.replaceAll(
          (p, records) ->
              records.stream()
                  .filter(r -> r.offset() < ends.get(new TopicPartition(topic, p)))
                  .toList());
      return out;
    }
  }
}
