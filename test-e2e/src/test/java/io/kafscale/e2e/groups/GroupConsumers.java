/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.groups;

import static org.awaitility.Awaitility.await;

import io.kafscale.e2e.support.Clients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * kafka-clients group consumers (classic protocol) and small produce/commit helpers for the group
 * e2e tests. Stateless; the consumers it returns are not thread-safe and belong to the caller.
 */
final class GroupConsumers {
  private GroupConsumers() {}

  /**
   * A classic-protocol group member with manual commits. {@code offsetReset} applies only where the
   * group has no committed offset.
   */
  static KafkaConsumer<byte[], byte[]> member(
      String bootstrap, String groupId, String clientId, String offsetReset) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Polls until {@code count} records arrived (failing after a minute) and returns them. */
  static List<ConsumerRecord<byte[], byte[]>> pollRecords(
      KafkaConsumer<byte[], byte[]> consumer, int count) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    await("" + count + " records")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ZERO)
        .until(
            () -> {
              consumer.poll(Duration.ofMillis(200)).forEach(out::add);
              return out.size() >= count;
            });
    return out;
  }

  /** The record values as strings. */
  static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
  }

  /** Sends every record and waits for all acknowledgements. */
  static void produce(String bootstrap, List<ProducerRecord<byte[], byte[]>> records) {
    try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap, "none")) {
      var acks = records.stream().map(producer::send).toList();
      for (var ack : acks) {
        ack.get(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("produce", e);
    }
  }

  /** A record for an explicit partition with an explicit (CreateTime) timestamp. */
  static ProducerRecord<byte[], byte[]> record(
      String topic, int partition, long timestamp, String value) {
    return new ProducerRecord<>(
        topic, partition, timestamp, null, value.getBytes(StandardCharsets.UTF_8));
  }

  /** The group's committed offsets as the admin client sees them (OffsetFetch, all partitions). */
  static Map<TopicPartition, Long> committed(String bootstrap, String groupId) {
    try (Admin admin = Clients.admin(bootstrap)) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(groupId)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      Map<TopicPartition, Long> out = new HashMap<>();
      offsets.forEach((tp, om) -> out.put(tp, om == null ? -1L : om.offset()));
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("list offsets of " + groupId, e);
    }
  }
}
