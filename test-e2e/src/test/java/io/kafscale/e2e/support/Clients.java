/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** kafka-clients 4.x producers, group-less consumers and admin clients for the e2e tests. */
public final class Clients {
  private Clients() {}

  /** A default (idempotent, acks=all) producer with the given codec ("none", "gzip"...). */
  public static KafkaProducer<byte[], byte[]> producer(String bootstrap, String compression) {
    return producer(bootstrap, Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression));
  }

  public static KafkaProducer<byte[], byte[]> producer(String bootstrap, Map<String, ?> extra) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.putAll(extra);
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** A consumer without a group: use {@code assign()} only. */
  public static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  public static Admin admin(String bootstrap) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  public static void createTopic(String bootstrap, String topic, int partitions) {
    try (Admin admin = admin(bootstrap)) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("create topic " + topic, e);
    }
  }

  /** The end offset (high watermark) of one partition. */
  public static long endOffset(String bootstrap, TopicPartition partition) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      return consumer.endOffsets(Set.of(partition), Duration.ofSeconds(30)).get(partition);
    }
  }

  /** Reads one partition from offset 0 up to its end offset at call time. */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(
      String bootstrap, TopicPartition partition) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      consumer.assign(List.of(partition));
      long end = consumer.endOffsets(Set.of(partition), Duration.ofSeconds(30)).get(partition);
      consumer.seek(partition, 0);
      List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
      await("read " + partition + " up to " + end)
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ZERO)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).records(partition).forEach(out::add);
                return consumer.position(partition) >= end;
              });
      return out;
    }
  }
}
